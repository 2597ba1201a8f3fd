package ru.gospochta.gateway.internal.callbacks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one attempt to deliver a callback came to (GW-3, NTF-5): the receiver's status code, or the
 * reason there was none ({@code timeout}, {@code unreachable}, {@code forbidden-address}…).
 */
record Attempt(Claimed callback, Instant startedAt, long durationMillis, @Nullable Integer statusCode,
        @Nullable String error) {

    /** Any 2xx is the receiver's word that it has the callback; a redirect is not followed, so it is a failure. */
    boolean delivered() {
        return statusCode != null && statusCode / 100 == 2;
    }

    /** Only the removal of the system's callback ends the retries early; whatever a receiver answers may change. */
    boolean retriable() {
        return !CallbackSender.REMOVED.equals(error);
    }
}
