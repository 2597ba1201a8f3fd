package ru.gospochta.gateway.internal.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import ru.gospochta.gateway.internal.RegistryLimits;

/**
 * Rate limits per agency system (GW-5): the system's own from the registry where an administrator
 * set them, else the configured defaults. Requests a second are a token bucket in this node's
 * memory: cheap on every call, and with N nodes behind a balancer a system gets at most N times its
 * rate — the daily message quota, counted in the database, is the hard limit.
 */
@Component
@EnableConfigurationProperties(ApiLimitsProperties.class)
class ApiLimits {

    /** The answer for one call: allowed or not, what is left, and when the bucket is full again. */
    record Decision(boolean allowed, int limit, int remaining, Duration reset) {
    }

    private final ApiLimitsProperties properties;
    private final RegistryLimits registry;
    private final Clock clock;
    private final ConcurrentMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    ApiLimits(ApiLimitsProperties properties, RegistryLimits registry, Clock clock) {
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
    }

    Decision tryRequest(UUID systemId) {
        int rate = requestsPerSecond(systemId);
        return buckets.computeIfAbsent(systemId, id -> new Bucket(rate, clock.millis())).take(rate, clock.millis());
    }

    int requestsPerSecond(UUID systemId) {
        Integer own = registry.of(systemId).requestsPerSecond();
        return own != null ? own : properties.requestsPerSecond();
    }

    long messagesPerDay(UUID systemId) {
        Long own = registry.of(systemId).messagesPerDay();
        return own != null ? own : properties.messagesPerDay();
    }

    long maxRequestBytes() {
        return properties.maxRequestBytes();
    }

    long maxBatchBytes() {
        return properties.maxBatchBytes();
    }

    /**
     * Refills continuously at {@code rate} a second up to {@code rate}. The rate comes with every
     * call rather than living in the bucket, so a changed limit applies from the next call: a
     * lowered one caps what the bucket holds at once, a raised one refills at the new pace.
     */
    private static final class Bucket {

        private double tokens;
        private long at;

        Bucket(int rate, long now) {
            this.tokens = rate;
            this.at = now;
        }

        synchronized Decision take(int rate, long now) {
            tokens = Math.min(rate, tokens + (now - at) * rate / 1000.0);
            at = now;
            Duration untilFull = Duration.ofMillis((long) Math.ceil((rate - tokens) * 1000.0 / rate));
            if (tokens < 1) {
                Duration untilOne = Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / rate));
                return new Decision(false, rate, 0, untilOne);
            }
            tokens -= 1;
            return new Decision(true, rate, (int) Math.floor(tokens), untilFull.plusMillis(1000 / rate));
        }
    }
}
