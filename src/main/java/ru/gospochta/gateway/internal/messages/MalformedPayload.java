package ru.gospochta.gateway.internal.messages;

import java.util.List;

/**
 * The request body could not be read at all (HTTP 400): broken JSON or XML, bad UTF-8, a DTD, a
 * multipart form without its message part.
 */
final class MalformedPayload extends RuntimeException {

    private final String code;
    private final List<Object> args;

    /** @param args what the client's message names, e.g. the part at fault */
    MalformedPayload(String code, String detail, Object... args) {
        super(detail);
        this.code = code;
        this.args = List.of(args);
    }

    String code() {
        return code;
    }

    Object[] args() {
        return args.toArray();
    }
}
