package ru.gospochta.gateway.internal.messages;

/** The request body could not be read at all (HTTP 400): broken JSON or XML, bad UTF-8, a DTD. */
final class MalformedPayload extends RuntimeException {

    private final String code;

    MalformedPayload(String code, String detail) {
        super(detail);
        this.code = code;
    }

    String code() {
        return code;
    }
}
