package ru.gospochta.identity;

/** A rule of the password policy (ACC-4) that a password breaks, with the message key that explains it. */
public enum PasswordViolation {

    TOO_SHORT("identity.password.too-short"),
    TOO_LONG("identity.password.too-long"),
    NEEDS_UPPER("identity.password.needs-upper"),
    NEEDS_LOWER("identity.password.needs-lower"),
    NEEDS_DIGIT("identity.password.needs-digit"),
    NEEDS_SPECIAL("identity.password.needs-special"),
    SEQUENCE("identity.password.sequence"),
    REPEAT("identity.password.repeat"),
    CONTAINS_NAME("identity.password.contains-name"),
    CONTAINS_BIRTH_DATE("identity.password.contains-birth-date"),
    CONTAINS_PHONE("identity.password.contains-phone"),
    CONTAINS_SNILS("identity.password.contains-snils"),
    COMMON("identity.password.common");

    private final String code;

    PasswordViolation(String code) {
        this.code = code;
    }

    /** The key in the {@code i18n/identity} message bundle. */
    public String code() {
        return code;
    }
}
