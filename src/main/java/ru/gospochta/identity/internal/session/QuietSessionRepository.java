package ru.gospochta.identity.internal.session;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The session store as the web layer uses it, writing a session's last use at most once a
 * {@link #touchEvery}. Spring Session stamps the session with the time of every request, and the
 * JDBC store then rewrites its row for each page although nothing else changed — a transaction,
 * an UPDATE and its WAL per page, for a value that only matters to the minute. Here a stamp less
 * than {@code touchEvery} after the stored one is dropped; a session whose attributes changed is
 * still written (attributes go to their own rows, whatever the stamp).
 * <p>
 * The idle timeout is counted from the stored stamp, so a session may end up to {@code touchEvery}
 * before a full idle period has passed since its last request, never later: 30 idle minutes
 * become 29 to 30. A session that is new in this request is written whole, as always.
 * <p>
 * Within one request ({@link #withinRequest}) a session is read from the database once. Spring
 * Session commits a session when the response is committed — a page's flush — and again when its
 * filter ends, and the second commit reads the session again only to learn its id.
 */
final class QuietSessionRepository<S extends Session> implements FindByIndexNameSessionRepository<QuietSessionRepository.Quiet<S>> {

    private final FindByIndexNameSessionRepository<S> store;
    private final Duration touchEvery;
    /** The sessions this thread's current request has read, by the id they were read with. */
    private final ThreadLocal<@Nullable Map<String, Quiet<S>>> read = new ThreadLocal<>();

    QuietSessionRepository(FindByIndexNameSessionRepository<S> store, Duration touchEvery) {
        this.store = store;
        this.touchEvery = touchEvery;
    }

    @Override
    public Quiet<S> createSession() {
        return new Quiet<>(store.createSession(), Duration.ZERO);
    }

    @Override
    public void save(Quiet<S> session) {
        store.save(session.stored);
    }

    /** Runs one request, reading each of its sessions once; nothing is kept after it. */
    void withinRequest(Request request) throws IOException, ServletException {
        Map<String, Quiet<S>> outer = read.get();
        read.set(new HashMap<>());
        try {
            request.run();
        } finally {
            if (outer == null) {
                read.remove();
            } else {
                read.set(outer);
            }
        }
    }

    @Override
    public @Nullable Quiet<S> findById(String id) {
        Map<String, Quiet<S>> request = read.get();
        Quiet<S> known = request == null ? null : request.get(id);
        // A session whose id changed in this request is no longer found by the old one.
        if (known != null && known.getId().equals(id)) {
            return known;
        }
        S found = store.findById(id);
        if (found == null) {
            return null;
        }
        Quiet<S> quiet = new Quiet<>(found, touchEvery);
        if (request != null) {
            request.put(id, quiet);
        }
        return quiet;
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
        Map<String, Quiet<S>> request = read.get();
        if (request != null) {
            request.remove(id);
        }
    }

    @Override
    public Map<String, Quiet<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, Quiet<S>> found = new LinkedHashMap<>();
        store.findByIndexNameAndIndexValue(indexName, indexValue).forEach((id, s) -> found.put(id, new Quiet<>(s, touchEvery)));
        return found;
    }

    @FunctionalInterface
    interface Request {
        void run() throws IOException, ServletException;
    }

    /** A stored session whose last-use stamp is only passed on when it moved by at least {@code touchEvery}. */
    static final class Quiet<S extends Session> implements Session {

        private final S stored;
        private final Duration touchEvery;

        Quiet(S stored, Duration touchEvery) {
            this.stored = stored;
            this.touchEvery = touchEvery;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (Duration.between(stored.getLastAccessedTime(), lastAccessedTime).compareTo(touchEvery) >= 0) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> @Nullable T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
