package ru.gospochta.gateway.internal.messages;

/** The body went past its limit while being read (HTTP 413); nothing beyond the limit was read. */
final class PayloadTooLarge extends RuntimeException {

    private final long limit;

    PayloadTooLarge(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
