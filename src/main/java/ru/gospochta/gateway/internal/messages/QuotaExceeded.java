package ru.gospochta.gateway.internal.messages;

import java.time.Duration;

/** A system's limit is used up (GW-5, HTTP 429): how much it was and when to come back. */
final class QuotaExceeded extends RuntimeException {

    private final String code;
    private final long limit;
    private final Duration retryAfter;

    QuotaExceeded(String code, long limit, Duration retryAfter) {
        super(code + ": limit " + limit);
        this.code = code;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    String code() {
        return code;
    }

    long limit() {
        return limit;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
