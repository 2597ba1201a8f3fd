package ru.gospochta.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Re-checks a signed-in citizen before a change other modules make on their behalf (CNT-3: adding
 * or changing an e-mail): the current password and a code sent by SMS to the confirmed phone.
 * Wrong answers count against the account like any other, so an open session on a shared screen
 * does not let a stranger guess.
 */
public interface ActionConfirmation {

    /** Sends the SMS code to the account's phone; the wait when the SMS limits say no. */
    Optional<Duration> sendCode(UUID account, @Nullable String sourceIp, Locale locale);

    /** Where the code went, masked for the page («+7 916 ***-**-67»). */
    String maskedPhone(UUID account);

    /**
     * Checks the password and the code, spending the code.
     *
     * @throws ActionNotConfirmed with the explanations to show, in the given language
     */
    void confirm(UUID account, String password, String smsCode, Locale locale);

    /**
     * Checks the password alone, for a change that only removes something (CNT-4: deleting an
     * e-mail in a «Да» / «Отмена» dialog).
     *
     * @throws ActionNotConfirmed with the explanations to show
     */
    void confirmPassword(UUID account, String password, Locale locale);

    /** The re-check failed; {@link #explanations()} say why in the person's language. */
    final class ActionNotConfirmed extends RuntimeException {

        private final java.util.List<String> explanations;

        public ActionNotConfirmed(java.util.List<String> explanations) {
            super("action not confirmed");
            this.explanations = java.util.List.copyOf(explanations);
        }

        public java.util.List<String> explanations() {
            return explanations;
        }
    }
}
