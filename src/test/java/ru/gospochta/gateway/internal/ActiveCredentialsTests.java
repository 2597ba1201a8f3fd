package ru.gospochta.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.MutableClock;

/** How fast the API learns of a revocation made on this node or on another (GW-1). */
class ActiveCredentialsTests {

    static final Duration INTERVAL = Duration.ofSeconds(5);

    /** The credentials table as another node would change it: behind this node's back. */
    static final class Table extends Credentials {

        final Set<String> active = new HashSet<>();
        final AtomicInteger looks = new AtomicInteger();

        Table() {
            super(null);
        }

        @Override
        public boolean active(String clientId) {
            looks.incrementAndGet();
            return active.contains(clientId);
        }
    }

    final Table table = new Table();
    final MutableClock clock = new MutableClock();
    final ActiveCredentials credentials = new ActiveCredentials(table, clock,
            new GatewayProperties(Duration.ofMinutes(10), INTERVAL, null, null, null, Duration.ofDays(1), INTERVAL));

    @Test
    @DisplayName("GW-1: a busy system costs one look at the table per interval, not one per call")
    void remembersForTheInterval() {
        table.active.add("gw-a");

        for (int i = 0; i < 100; i++) {
            assertThat(credentials.active("gw-a")).isTrue();
        }

        assertThat(table.looks).hasValue(1);
    }

    @Test
    @DisplayName("GW-1: a revocation made on another node is seen once the interval has passed")
    void otherNodesRevocationSeenAfterInterval() {
        table.active.add("gw-b");
        assertThat(credentials.active("gw-b")).isTrue();

        table.active.remove("gw-b");
        assertThat(credentials.active("gw-b")).isTrue();
        clock.advance(INTERVAL);

        assertThat(credentials.active("gw-b")).isFalse();
    }

    @Test
    @DisplayName("GW-1: a revocation made on this node is seen at once, and a revoked key is never looked up again")
    void ownRevocationSeenAtOnce() {
        table.active.add("gw-c");
        assertThat(credentials.active("gw-c")).isTrue();

        table.active.remove("gw-c");
        credentials.forget("gw-c");
        assertThat(credentials.active("gw-c")).isFalse();
        clock.advance(INTERVAL.multipliedBy(100));

        assertThat(credentials.active("gw-c")).isFalse();
        assertThat(table.looks).hasValue(2);
    }
}
