package ru.gospochta.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The limits the registry sets for each system, as the API reads them on every call (GW-5). The
 * answer is remembered for a few seconds (configurable), as {@link ActiveCredentials} does, so a
 * busy system costs one query per interval, not one per call; a change on this node is forgotten
 * at once, other nodes of a cluster catch up within the interval.
 */
@Component
public class RegistryLimits {

    /** Beyond this many remembered systems the memory is dropped and rebuilt. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Look(SystemLimits limits, Instant at) {
    }

    private final Agencies agencies;
    private final Clock clock;
    private final Duration interval;
    private final Map<UUID, Look> looks = new ConcurrentHashMap<>();

    RegistryLimits(Agencies agencies, Clock clock, GatewayProperties properties) {
        this.agencies = agencies;
        this.clock = clock;
        this.interval = properties.systemLimitsCheckInterval();
    }

    /** The system's own limits; {@link SystemLimits#DEFAULTS} for a system without any, or not in the registry. */
    public SystemLimits of(UUID systemId) {
        Instant now = clock.instant();
        Look last = looks.get(systemId);
        // A clock set back (a corrected system clock) must not make an old look last longer.
        if (last != null && !now.isBefore(last.at()) && now.isBefore(last.at().plus(interval))) {
            return last.limits();
        }
        SystemLimits limits = agencies.limitsOf(systemId).orElse(SystemLimits.DEFAULTS);
        if (looks.size() >= MAX_REMEMBERED) {
            looks.clear();
        }
        looks.put(systemId, new Look(limits, now));
        return limits;
    }

    void forget(UUID systemId) {
        looks.remove(systemId);
    }
}
