package ru.gospochta.notify.internal.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.EventStatus;
import ru.gospochta.notify.EventStatuses;

/**
 * {@link EventStatuses} from the outbox tables. A notification gathered into a digest has no
 * delivery of its own, so the digest letter's row answers for it.
 */
@Repository
class StoredEventStatuses implements EventStatuses {

    private final JdbcClient db;

    StoredEventStatuses(JdbcClient db) {
        this.db = db;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EventStatus> of(UUID eventId, UUID systemId) {
        return db.sql("SELECT id, message_id, type, created_at FROM notify.events WHERE id = :id AND system_id = :system")
                .param("id", eventId).param("system", systemId)
                .query((rs, n) -> new EventStatus(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                        rs.getString("type"), instant(rs, "created_at"), notifications(eventId)))
                .optional();
    }

    private List<EventStatus.Notification> notifications(UUID eventId) {
        return db.sql("""
                        SELECT n.id, n.channel, d.id IS NOT NULL AS digest,
                            CASE WHEN d.id IS NULL THEN n.status ELSE d.status END AS status,
                            CASE WHEN d.id IS NULL THEN n.attempts ELSE d.attempts END AS attempts,
                            CASE WHEN d.id IS NULL THEN n.provider ELSE d.provider END AS provider,
                            CASE WHEN d.id IS NULL THEN n.error_code ELSE d.error_code END AS error_code,
                            greatest(n.updated_at, d.updated_at) AS updated_at,
                            CASE WHEN d.id IS NULL THEN n.delivered_at ELSE d.delivered_at END AS delivered_at
                        FROM notify.notifications n LEFT JOIN notify.notifications d ON d.id = n.digest_id
                        WHERE n.event_id = :event ORDER BY n.channel, n.created_at""")
                .param("event", eventId)
                .query((rs, n) -> new EventStatus.Notification(rs.getObject("id", UUID.class),
                        Channel.valueOf(rs.getString("channel")), rs.getString("status"), rs.getInt("attempts"),
                        rs.getString("provider"), rs.getString("error_code"), instant(rs, "updated_at"),
                        nullableInstant(rs, "delivered_at"), rs.getBoolean("digest")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
