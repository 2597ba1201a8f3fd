package ru.gospochta.identity;

/**
 * A value typed by a person broke one of its rules. The {@link #code()} is a key of the
 * {@code i18n/identity} message bundle that tells the person what to fix; the message is English
 * for the log and never repeats the value itself, which is personal data.
 */
public class InvalidValue extends IllegalArgumentException {

    private final String field;
    private final String code;

    /**
     * @param field the form field the value came from, e.g. {@code snils} or {@code patronymic}
     * @param code the message-bundle key of the broken rule, e.g. {@code identity.snils.checksum}
     * @param message what is wrong, in English, without the value
     */
    public InvalidValue(String field, String code, String message) {
        super(field + ": " + message + " [" + code + "]");
        this.field = field;
        this.code = code;
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }
}
