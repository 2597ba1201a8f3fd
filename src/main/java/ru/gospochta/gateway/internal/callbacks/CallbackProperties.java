package ru.gospochta.gateway.internal.callbacks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the callbacks to agency systems (GW-3).
 *
 * @param workers sending threads on this node; every node may run some, they share the outbox
 * @param batch callbacks one worker claims and sends at once
 * @param timeout connecting and waiting for the receiver's answer; longer counts as a failure
 * @param claim how long a claim holds; a callback claimed by a node that died is taken again after it
 * @param poll how often an idle worker looks for callbacks other nodes queued
 * @param firstRetry the wait after the first failure; it doubles up to {@code maxRetryWait}
 * @param maxRetryWait the longest wait between two attempts
 * @param retryWindow how long failures are retried before the callback is given up as failed
 * @param allowLocal accept {@code http://} and loopback addresses ({@code localhost}, {@code 127.0.0.1},
 *        {@code [::1]}), for development and tests; never in production
 */
@Validated
@ConfigurationProperties("gospochta.gateway.callbacks")
public record CallbackProperties(
        @DefaultValue("1") @Min(0) @Max(16) int workers,
        @DefaultValue("20") @Min(1) @Max(500) int batch,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("2m") @NotNull Duration claim,
        @DefaultValue("2s") @NotNull Duration poll,
        @DefaultValue("10s") @NotNull Duration firstRetry,
        @DefaultValue("1h") @NotNull Duration maxRetryWait,
        @DefaultValue("24h") @NotNull Duration retryWindow,
        @DefaultValue("false") boolean allowLocal) {

    public CallbackProperties {
        for (Duration d : List.of(timeout, claim, poll, firstRetry, maxRetryWait, retryWindow)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("gospochta.gateway.callbacks durations must be positive, got " + d);
            }
        }
        if (firstRetry.compareTo(maxRetryWait) > 0) {
            throw new IllegalArgumentException("gospochta.gateway.callbacks.first-retry must not exceed max-retry-wait");
        }
        // A claim must outlast the longest send of a batch, or a slow receiver's callback is sent twice.
        if (claim.compareTo(timeout.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("gospochta.gateway.callbacks.claim must be at least three times the timeout");
        }
    }
}
