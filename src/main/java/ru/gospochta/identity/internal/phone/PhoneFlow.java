package ru.gospochta.identity.internal.phone;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.internal.settings.Recheck;

/**
 * Where one change of a number stands, kept in the HTTP session and never in the page: whose
 * account was re-checked, for which number, how, until when the re-check holds, and the number a
 * code went to.
 *
 * @param openUntil the re-check opens the rest of the change until then
 * @param newPhone the number in E.164 a code was sent to; {@code null} until one is chosen
 * @param resendAfter when «Отправить код ещё раз» is allowed again
 */
record PhoneFlow(UUID accountId, PhoneKind kind, Recheck.Factor confirmedWith, Instant openUntil,
        @Nullable String newPhone, Instant resendAfter) implements Serializable {

    static final String SESSION_ATTRIBUTE = "gospochta.phone";

    /** Long enough to type a number, wait for the SMS and ask for it again once or twice. */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    static PhoneFlow rechecked(UUID accountId, PhoneKind kind, Recheck.Factor factor, Instant now) {
        return new PhoneFlow(accountId, kind, factor, now.plus(LIFETIME), null, Instant.EPOCH);
    }

    PhoneFlow codeSent(String e164, Instant resendAfter) {
        return new PhoneFlow(accountId, kind, confirmedWith, openUntil, e164, resendAfter);
    }

    /** Whether this flow lets this account go on with this kind of change now. */
    boolean opens(UUID account, PhoneKind kind, Instant now) {
        return accountId.equals(account) && this.kind == kind && now.isBefore(openUntil);
    }

    /** Whole seconds until another code may be asked for; 0 when it may be now. */
    long secondsUntilResend(Instant now) {
        long millis = Duration.between(now, resendAfter).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
