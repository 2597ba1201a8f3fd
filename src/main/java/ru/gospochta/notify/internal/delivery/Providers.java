package ru.gospochta.notify.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.NotifyProperties;

/**
 * The providers of each channel, in priority order, with the failover GOV.UK Notify does by hand:
 * a provider that failed {@code failoverAfter} times in a row is passed over for a pause that
 * doubles while it keeps failing, and the next one takes the traffic — from the very notices whose
 * failure passed it over, in the same dispatch ({@link #instead}); one success restores it. The
 * state is this node's, which is enough — each node learns of an outage within a few notices.
 */
@Component
class Providers {

    private final Map<Channel, List<Provider>> byChannel = new EnumMap<>(Channel.class);
    private final Map<String, Health> health = new ConcurrentHashMap<>();
    private final NotifyProperties properties;
    private final Clock clock;

    Providers(List<Provider> beans, List<ProviderSource> sources, NotifyProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        List<Provider> providers = new java.util.ArrayList<>(beans);
        sources.forEach(s -> providers.addAll(s.providers()));
        byChannel.putAll(providers.stream().sorted(Comparator.comparingInt(Provider::priority).thenComparing(Provider::name))
                .collect(Collectors.groupingBy(Provider::channel, () -> new EnumMap<>(Channel.class), Collectors.toList())));
        providers.forEach(p -> health.put(p.name(), new Health()));
    }

    /** The provider to use now: the first not passed over, else the one whose pause ends first. */
    Provider pick(Channel channel) {
        List<Provider> candidates = byChannel.getOrDefault(channel, List.of());
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no provider for " + channel);
        }
        Instant now = clock.instant();
        return candidates.stream().filter(p -> !health.get(p.name()).pausedAt(now)).findFirst()
                .orElseGet(() -> candidates.stream().min(Comparator.comparing(p -> health.get(p.name()).pausedUntil)).orElseThrow());
    }

    /**
     * Who takes over at once from a provider that has just failed: the one {@link #pick} gives now,
     * if that is another and not passed over itself — that is, only once the failed one has been
     * passed over. Empty while it still has chances left, or when every provider is failing.
     */
    java.util.Optional<Provider> instead(Provider failed) {
        Provider next = pick(failed.channel());
        return next == failed || health.get(next.name()).pausedAt(clock.instant()) ? java.util.Optional.empty()
                : java.util.Optional.of(next);
    }

    boolean serves(Channel channel) {
        return byChannel.containsKey(channel);
    }

    void succeeded(Provider provider) {
        health.get(provider.name()).succeeded();
    }

    void failed(Provider provider) {
        health.get(provider.name()).failed(clock.instant(), properties.failoverAfter(), properties.failoverPause());
    }

    private static final class Health {

        private int failures;
        private int pauses;
        private volatile Instant pausedUntil = Instant.MIN;

        synchronized boolean pausedAt(Instant now) {
            return now.isBefore(pausedUntil);
        }

        synchronized void succeeded() {
            failures = 0;
            pauses = 0;
            pausedUntil = Instant.MIN;
        }

        synchronized void failed(Instant now, int threshold, Duration pause) {
            if (++failures >= threshold) {
                pausedUntil = now.plus(pause.multipliedBy(1L << Math.min(pauses++, 6)));
                failures = 0;
            }
        }
    }
}
