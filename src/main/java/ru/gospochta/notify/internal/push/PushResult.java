package ru.gospochta.notify.internal.push;

import java.time.Duration;

/**
 * What became of one message to one browser. {@code status} is the push service's HTTP status,
 * 0 when it gave none (unreachable, too slow); {@code reason} is a short code for the journal.
 */
public sealed interface PushResult {

    int status();

    /** The push service accepted the message; it delivers it when the browser is online. */
    record Delivered(int status) implements PushResult {
    }

    /** The browser unsubscribed or the subscription expired (404, 410): it has been deleted. */
    record Gone(int status) implements PushResult {
    }

    /**
     * Worth trying again later (429, 5xx, no answer).
     *
     * @param retryAfter the least wait the push service asked for ({@code Retry-After}), zero when it named none
     */
    record TemporaryFailure(int status, Duration retryAfter, String reason) implements PushResult {
    }

    /** Trying again would fail the same way (400, 401, 403 VAPID refused, 413 too large, other 4xx). */
    record PermanentFailure(int status, String reason) implements PushResult {
    }
}
