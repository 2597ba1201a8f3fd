package ru.gospochta.notify.internal.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a provider made of one notification (NTF-5). Temporary failures are retried with backoff;
 * permanent ones are final (and an e-mail address that refused for good is suspended, CNT-6);
 * a notification that cannot be sent at all (no address, no subscribed browser) is skipped.
 *
 * @param retryAfter the provider's own wish, e.g. from a 429's Retry-After; {@code null}: ours
 */
public record Outcome(Kind kind, @Nullable String errorCode, @Nullable String detail, @Nullable Duration retryAfter) {

    public enum Kind {
        DELIVERED, TEMPORARY, PERMANENT, SKIPPED
    }

    public static Outcome delivered() {
        return new Outcome(Kind.DELIVERED, null, null, null);
    }

    public static Outcome temporary(String code, @Nullable String detail) {
        return new Outcome(Kind.TEMPORARY, code, detail, null);
    }

    public static Outcome temporary(String code, @Nullable String detail, @Nullable Duration retryAfter) {
        return new Outcome(Kind.TEMPORARY, code, detail, retryAfter);
    }

    public static Outcome permanent(String code, @Nullable String detail) {
        return new Outcome(Kind.PERMANENT, code, detail, null);
    }

    public static Outcome skipped(String code) {
        return new Outcome(Kind.SKIPPED, code, null, null);
    }
}
