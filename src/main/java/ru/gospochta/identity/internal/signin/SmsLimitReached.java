package ru.gospochta.identity.internal.signin;

import java.time.Duration;

/** No SMS now: this phone or this address asked too often. {@link #retryAfter()} says for how long. */
public class SmsLimitReached extends RuntimeException {

    private final Duration retryAfter;

    public SmsLimitReached(Duration retryAfter) {
        super("SMS limit reached, retry after " + retryAfter);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
