package ru.gospochta.identity;

import java.util.Optional;

/**
 * How hard a password is to guess, for the meter beside the password field: zxcvbn's score from
 * 0 (guessed at once) to 4 (very hard), whether a longer password is advised, and one hint.
 *
 * @param score 0 to 4
 * @param recommendLonger true below {@value PasswordPolicy#RECOMMENDED_LENGTH} characters, as the form advises
 * @param hint what would help most, when zxcvbn has something to say
 */
public record PasswordStrength(int score, boolean recommendLonger, Optional<Hint> hint) {

    /** The message-bundle key of the advice shown while {@link #recommendLonger()} is true. */
    public static final String RECOMMEND_LONGER_CODE = "identity.password.recommend-longer";

    public PasswordStrength {
        if (score < 0 || score > 4) {
            throw new IllegalArgumentException("score must be 0 to 4, was " + score);
        }
    }

    /** Advice for a weak password, each with its key in the {@code i18n/identity} message bundle. */
    public enum Hint {
        PERSONAL_DATA("identity.password.hint.personal-data"),
        COMMON_PASSWORD("identity.password.hint.common"),
        SINGLE_WORD("identity.password.hint.single-word"),
        NAMES("identity.password.hint.names"),
        KEYBOARD_PATTERN("identity.password.hint.keyboard"),
        REPEATS("identity.password.hint.repeats"),
        SEQUENCES("identity.password.hint.sequences"),
        RECENT_YEARS("identity.password.hint.years"),
        DATES("identity.password.hint.dates"),
        ADD_WORDS("identity.password.hint.add-words");

        private final String code;

        Hint(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
