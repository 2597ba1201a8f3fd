package ru.gospochta.identity.internal.recovery;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where one recovery stands, kept in the HTTP session and never in the page: whom the code went
 * to, and whether it has been typed correctly. For an identifier without an account the state is a
 * decoy — no account, a target that received nothing — and every page treats it like a real one.
 *
 * @param throttleSubject the key wrong codes are counted under
 * @param target where the code went: the account's phone, or the decoy's stand-in
 * @param accountId the account being recovered; {@code null} for a decoy
 * @param resendAfter when «Отправить код ещё раз» is allowed again
 * @param verifiedAt when the right code was typed; {@code null} until then
 */
record RecoveryState(String throttleSubject, String target, @Nullable UUID accountId, Instant resendAfter,
        @Nullable Instant verifiedAt) implements Serializable {

    static final String SESSION_ATTRIBUTE = "gospochta.recovery";

    /** After the code is accepted, the new password must follow within this time. */
    static final Duration TIME_FOR_NEW_PASSWORD = Duration.ofMinutes(10);

    static RecoveryState of(String throttleSubject, String target, @Nullable UUID accountId) {
        return new RecoveryState(throttleSubject, target, accountId, Instant.EPOCH, null);
    }

    RecoveryState sent(Instant resendAfter) {
        return new RecoveryState(throttleSubject, target, accountId, resendAfter, null);
    }

    RecoveryState verified(Instant at) {
        return new RecoveryState(throttleSubject, target, accountId, resendAfter, at);
    }

    /** Whether the code went by letter to a typed e-mail address rather than by SMS. */
    boolean byEmail() {
        return target.startsWith(Identifier.EMAIL_TARGET);
    }

    /** The address the code went to; only when {@link #byEmail()}. */
    String emailAddress() {
        return target.substring(Identifier.EMAIL_TARGET.length());
    }

    boolean isVerified() {
        return verifiedAt != null;
    }

    /** Whether the new password may be set now: the code was right, and not too long ago. */
    boolean maySetPassword(Instant now) {
        return accountId != null && verifiedAt != null && now.isBefore(verifiedAt.plus(TIME_FOR_NEW_PASSWORD));
    }

    /** Whole seconds until another code may be asked for; 0 when it may be now. */
    long secondsUntilResend(Instant now) {
        long millis = Duration.between(now, resendAfter).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
