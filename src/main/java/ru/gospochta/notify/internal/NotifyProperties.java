package ru.gospochta.notify.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The notification pipeline's settings (NTF-5).
 *
 * @param workers dispatcher threads on this node; every node may run some, they share the work. More
 *                than the cores: a worker spends part of each batch waiting for the database and for
 *                the mail server's replies, and another keeps the cores busy meanwhile
 * @param batch notifications one worker claims at a time
 * @param claim how long a claim holds; a row claimed by a node that died is taken again after it
 * @param poll how often an idle worker looks for work that other nodes committed
 * @param firstRetry the wait after the first temporary failure; it doubles up to {@code maxRetryWait}
 * @param maxRetryWait the longest wait between two attempts
 * @param retryWindow how long temporary failures are retried before the notice becomes a technical failure
 * @param failoverAfter consecutive failures after which a provider is passed over for {@code failoverPause}
 * @param failoverPause how long a failing provider is passed over; it doubles while it keeps failing
 * @param sms SMS operators reached over HTTP, in addition to the catcher of the default run
 */
@Validated
@ConfigurationProperties("gospochta.notify")
public record NotifyProperties(
        @DefaultValue("4") @Min(0) @Max(64) int workers,
        @DefaultValue("50") @Min(1) @Max(1000) int batch,
        @DefaultValue("2m") @NotNull Duration claim,
        @DefaultValue("2s") @NotNull Duration poll,
        @DefaultValue("30s") @NotNull Duration firstRetry,
        @DefaultValue("1h") @NotNull Duration maxRetryWait,
        @DefaultValue("48h") @NotNull Duration retryWindow,
        @DefaultValue("3") @Min(1) @Max(100) int failoverAfter,
        @DefaultValue("1m") @NotNull Duration failoverPause,
        @DefaultValue("true") boolean smsCatcher,
        List<@Valid HttpSms> sms) {

    public NotifyProperties {
        sms = sms == null ? List.of() : List.copyOf(sms);
        for (Duration d : List.of(claim, poll, firstRetry, maxRetryWait, retryWindow, failoverPause)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("gospochta.notify durations must be positive, got " + d);
            }
        }
        if (firstRetry.compareTo(maxRetryWait) > 0) {
            throw new IllegalArgumentException("gospochta.notify.first-retry must not exceed max-retry-wait");
        }
    }

    /**
     * An SMS operator with an HTTP API: {@code POST url} with JSON {@code {"to": …, "text": …}}
     * and the token as a bearer; 2xx accepted, 4xx refused for good, 5xx and timeouts retried.
     */
    public record HttpSms(@NotBlank String name, @NotNull URI url, @Nullable String token,
            @DefaultValue("10") @Min(0) @Max(1000) int priority) {
    }
}
