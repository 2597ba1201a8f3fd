package ru.gospochta.contacts;

/**
 * A typed e-mail address broke one of the rules of CNT-1. The {@link #code()} is a key of the
 * {@code i18n/contacts} bundle that tells the person which part to fix; the message is English for
 * the log and never repeats the address, which is personal data.
 */
public class InvalidEmailAddress extends IllegalArgumentException {

    private final String code;

    InvalidEmailAddress(String code, String reason) {
        super("e-mail address: " + reason + " [" + code + "]");
        this.code = code;
    }

    /** The message-bundle key of the broken rule, e.g. {@code contacts.email.at-count}. */
    public String code() {
        return code;
    }
}
