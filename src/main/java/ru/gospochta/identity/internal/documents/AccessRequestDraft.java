package ru.gospochta.identity.internal.documents;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.PersonName;

/**
 * An access request being filled in, kept in the HTTP session between its pages and never in a
 * page: who the person says they are, the new phone, and whether its code was typed. Nothing of
 * it is looked up until the scan is handed in, so no page before that can depend on an account.
 *
 * @param snils the eleven digits
 * @param newPhone the new phone in E.164
 * @param resendAfter when «Отправить код ещё раз» is allowed again
 * @param phoneConfirmedAt when the right code was typed; {@code null} until then
 */
record AccessRequestDraft(String snils, String surname, String givenName, @Nullable String patronymic,
        LocalDate birthDate, String newPhone, Instant resendAfter, @Nullable Instant phoneConfirmedAt)
        implements Serializable {

    static final String SESSION_ATTRIBUTE = "gospochta.access-request";

    /** After the phone is confirmed, the scan must follow within this time. */
    static final Duration TIME_FOR_SCAN = Duration.ofMinutes(30);

    static AccessRequestDraft of(String snils, PersonName name, LocalDate birthDate, String newPhone) {
        return new AccessRequestDraft(snils, name.surname(), name.name(), name.patronymic(), birthDate, newPhone,
                Instant.EPOCH, null);
    }

    AccessRequestDraft sent(Instant resendAfter) {
        return new AccessRequestDraft(snils, surname, givenName, patronymic, birthDate, newPhone, resendAfter, null);
    }

    AccessRequestDraft phoneConfirmed(Instant at) {
        return new AccessRequestDraft(snils, surname, givenName, patronymic, birthDate, newPhone, resendAfter, at);
    }

    boolean isPhoneConfirmed() {
        return phoneConfirmedAt != null;
    }

    /** Whether the scan may be handed in now: the phone was confirmed, and not too long ago. */
    boolean mayHandInScan(Instant now) {
        return phoneConfirmedAt != null && now.isBefore(phoneConfirmedAt.plus(TIME_FOR_SCAN));
    }

    /** Whole seconds until another code may be asked for; 0 when it may be now. */
    long secondsUntilResend(Instant now) {
        long millis = Duration.between(now, resendAfter).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
