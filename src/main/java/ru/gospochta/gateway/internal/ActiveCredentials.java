package ru.gospochta.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Answers, on every API call, whether the caller's credential is still in force. Access tokens
 * are self-contained and live for minutes, so without this look a revoked system could go on
 * calling until its token expires. The answer is remembered for a few seconds (configurable) so
 * a busy system costs one query per interval, not one per call; revoking on this node forgets it
 * at once, other nodes of a cluster catch up within the interval.
 */
@Component
public class ActiveCredentials {

    /** Beyond this many remembered client ids the memory is dropped and rebuilt, so junk ids cannot fill it. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Look(boolean active, Instant at) {
    }

    private final Credentials credentials;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Look> looks = new ConcurrentHashMap<>();

    ActiveCredentials(Credentials credentials, Clock clock, GatewayProperties properties) {
        this.credentials = credentials;
        this.clock = clock;
        this.interval = properties.revocationCheckInterval();
    }

    public boolean active(String clientId) {
        Instant now = clock.instant();
        Look last = looks.get(clientId);
        // A revocation is final, so only "active" needs to be looked at again.
        if (last != null && (!last.active() || now.isBefore(last.at().plus(interval)))) {
            return last.active();
        }
        boolean active = credentials.active(clientId);
        if (looks.size() >= MAX_REMEMBERED) {
            looks.clear();
        }
        looks.put(clientId, new Look(active, now));
        return active;
    }

    void forget(String clientId) {
        looks.remove(clientId);
    }
}
