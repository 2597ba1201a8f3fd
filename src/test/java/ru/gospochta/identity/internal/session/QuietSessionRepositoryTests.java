package ru.gospochta.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

@DisplayName("ACC-6: the session store writes a session's last use once a minute and reads a session once a request")
class QuietSessionRepositoryTests {

    final CountingStore store = new CountingStore();
    final QuietSessionRepository<MapSession> sessions = new QuietSessionRepository<>(store, Duration.ofMinutes(1));

    @Test
    @DisplayName("ACC-6: a request's stamp less than a minute after the stored one is dropped, a later one is kept")
    void stampOnceAMinute() {
        MapSession stored = new MapSession();
        Instant used = Instant.now().minusSeconds(90);
        stored.setLastAccessedTime(used);
        store.save(stored);

        var session = sessions.findById(stored.getId());
        session.setLastAccessedTime(used.plusSeconds(59));
        assertThat(session.getLastAccessedTime()).isEqualTo(used);
        session.setLastAccessedTime(used.plusSeconds(61));
        assertThat(session.getLastAccessedTime()).isEqualTo(used.plusSeconds(61));
    }

    @Test
    @DisplayName("ACC-6: within one request a session is read once; the next request reads it again, and a deleted one is gone")
    void readOncePerRequest() throws Exception {
        MapSession stored = new MapSession();
        store.save(stored);

        sessions.withinRequest(() -> {
            assertThat(sessions.findById(stored.getId())).isSameAs(sessions.findById(stored.getId()));
        });
        assertThat(store.reads.get()).isEqualTo(1);
        sessions.withinRequest(() -> {
            sessions.findById(stored.getId());
            sessions.deleteById(stored.getId());
            assertThat(sessions.findById(stored.getId())).isNull();
        });
        assertThat(store.reads.get()).isEqualTo(3);
        // Outside a request nothing is remembered.
        sessions.findById(stored.getId());
        sessions.findById(stored.getId());
        assertThat(store.reads.get()).isEqualTo(5);
    }

    static final class CountingStore implements FindByIndexNameSessionRepository<MapSession> {

        final Map<String, MapSession> sessions = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public MapSession createSession() {
            return new MapSession();
        }

        @Override
        public void save(MapSession session) {
            sessions.put(session.getId(), new MapSession(session));
        }

        @Override
        public @Nullable MapSession findById(String id) {
            reads.incrementAndGet();
            MapSession found = sessions.get(id);
            return found == null ? null : new MapSession(found);
        }

        @Override
        public void deleteById(String id) {
            sessions.remove(id);
        }

        @Override
        public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
            return Map.of();
        }
    }
}
