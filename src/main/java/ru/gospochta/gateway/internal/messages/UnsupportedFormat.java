package ru.gospochta.gateway.internal.messages;

/** The document came in a format the API does not read (HTTP 415); {@link #code()} says which rule. */
final class UnsupportedFormat extends RuntimeException {

    private final String code;

    UnsupportedFormat(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
