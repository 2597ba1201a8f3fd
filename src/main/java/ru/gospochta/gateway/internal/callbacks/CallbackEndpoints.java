package ru.gospochta.gateway.internal.callbacks;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The callback URL and sealed secret of each system, kept on its row of {@code gateway.systems}. */
@Repository
public class CallbackEndpoints {

    /** A system's callback as the agency page shows it: the address and when it was last set, never the secret. */
    public record Shown(URI url, Instant changedAt) {
    }

    record Stored(URI url, byte[] sealedSecret) {
    }

    private final JdbcClient db;

    CallbackEndpoints(JdbcClient db) {
        this.db = db;
    }

    /** The callbacks of the agency's systems that have one, by system id. */
    public Map<UUID, Shown> ofAgency(UUID agencyId) {
        Map<UUID, Shown> shown = new HashMap<>();
        db.sql("""
                SELECT id, callback_url, callback_changed_at FROM gateway.systems
                WHERE agency_id = :agency AND callback_url IS NOT NULL""")
                .param("agency", agencyId)
                .query(rs -> {
                    shown.put(rs.getObject("id", UUID.class), new Shown(URI.create(rs.getString("callback_url")),
                            rs.getTimestamp("callback_changed_at").toInstant()));
                });
        return shown;
    }

    /** Whether the system is to be called back; the outbox asks before it builds anything. */
    boolean has(UUID systemId) {
        return db.sql("SELECT callback_url IS NOT NULL FROM gateway.systems WHERE id = :id")
                .param("id", systemId).query(Boolean.class).optional().orElse(false);
    }

    /**
     * The system's callback with its row locked until the transaction ends, so two administrators'
     * changes are audited in order; empty when it has none.
     */
    Optional<Stored> forUpdate(UUID systemId) {
        List<Optional<Stored>> rows = db.sql("SELECT callback_url, callback_secret FROM gateway.systems WHERE id = :id FOR UPDATE")
                .param("id", systemId)
                .query((rs, n) -> {
                    String url = rs.getString("callback_url");
                    return url == null ? Optional.<Stored>empty() : Optional.of(new Stored(URI.create(url), rs.getBytes("callback_secret")));
                })
                .list();
        return rows.isEmpty() ? Optional.empty() : rows.getFirst();
    }

    void set(UUID systemId, URI url, byte[] sealedSecret, Instant at) {
        db.sql("""
                UPDATE gateway.systems SET callback_url = :url, callback_secret = :secret, callback_changed_at = :at
                WHERE id = :id""")
                .param("id", systemId).param("url", url.toString()).param("secret", sealedSecret)
                .param("at", Timestamp.from(at))
                .update();
    }

    void changeUrl(UUID systemId, URI url, Instant at) {
        db.sql("UPDATE gateway.systems SET callback_url = :url, callback_changed_at = :at WHERE id = :id")
                .param("id", systemId).param("url", url.toString()).param("at", Timestamp.from(at))
                .update();
    }

    void remove(UUID systemId, @Nullable Instant at) {
        db.sql("""
                UPDATE gateway.systems SET callback_url = NULL, callback_secret = NULL, callback_changed_at = :at
                WHERE id = :id""")
                .param("id", systemId).param("at", at == null ? null : Timestamp.from(at))
                .update();
    }
}
