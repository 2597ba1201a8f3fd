package ru.gospochta.gateway.internal.callbacks;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.NotificationStatusChanged;
import ru.gospochta.notify.NotificationStatusesChanged;

/**
 * Queues the callbacks a system is to receive (GW-3, NTF-5), in the transaction that records the
 * status change, so a change is reported if and only if it happened. A system without a callback
 * URL costs one look-up and queues nothing. The worker sends them once committed.
 */
@Component
public class CallbackOutbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A message of a system reached a status: {@code delivered}, {@code undeliverable} (with its
     * reason) or {@code read}.
     *
     * @param sandbox sent with a test key: reported too, so an agency can try its receiver, and marked
     */
    public record MessageStatus(UUID messageId, String status, @Nullable String reason, Instant at, boolean sandbox) {
    }

    private record Queued(UUID systemId, String kind, UUID subjectId, String subjectStatus, Instant occurredAt,
            String payload) {
    }

    private final CallbackEndpoints endpoints;
    private final JdbcTemplate jdbc;
    private final CallbackSignal signal;
    private final Clock clock;

    CallbackOutbox(CallbackEndpoints endpoints, JdbcTemplate jdbc, CallbackSignal signal, Clock clock) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.signal = signal;
        this.clock = clock;
    }

    /** In the caller's transaction: the statuses of messages the system sent. */
    public void messageStatuses(UUID systemId, List<MessageStatus> statuses) {
        if (statuses.isEmpty() || !endpoints.has(systemId)) {
            return;
        }
        List<Queued> queued = new ArrayList<>(statuses.size());
        for (MessageStatus s : statuses) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", "message.status");
            payload.put("id", s.messageId().toString());
            payload.put("status", s.status());
            if (s.reason() != null) {
                payload.put("errorCode", s.reason());
            }
            if (s.sandbox()) {
                payload.put("sandbox", true);
            }
            payload.put("at", s.at().toString());
            queued.add(new Queued(systemId, "message", s.messageId(), s.status(), s.at(), JSON.writeValueAsString(payload)));
        }
        insert(queued);
    }

    /**
     * Notifications of events systems raised reached statuses. Notify publishes a batch of them in
     * the transaction that records the statuses; this runs after that commit, in a transaction of
     * its own, and the event publication registry hands it over again until it completes.
     */
    @ApplicationModuleListener
    void on(NotificationStatusesChanged batch) {
        Map<UUID, Boolean> withCallback = new HashMap<>();
        List<Queued> queued = new ArrayList<>();
        for (NotificationStatusChanged changed : batch.changes()) {
            if (!withCallback.computeIfAbsent(changed.systemId(), endpoints::has)) {
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", "notification.status");
            payload.put("id", changed.notificationId().toString());
            payload.put("eventId", changed.eventId().toString());
            payload.put("channel", changed.channel().name().toLowerCase(Locale.ROOT));
            payload.put("status", changed.status());
            if (changed.errorCode() != null) {
                payload.put("errorCode", changed.errorCode());
            }
            payload.put("at", changed.at().toString());
            queued.add(new Queued(changed.systemId(), "notification", changed.notificationId(), changed.status(),
                    changed.at(), JSON.writeValueAsString(payload)));
        }
        if (!queued.isEmpty()) {
            insert(queued);
        }
    }

    /** The system's callback was removed: what it still had queued is given up, not sent elsewhere later. */
    int dropPending(UUID systemId) {
        return jdbc.update("""
                UPDATE gateway.callbacks SET status = 'failed', next_attempt_at = NULL, last_error = 'callback-removed'
                WHERE system_id = ? AND status = 'pending'""", systemId);
    }

    private void insert(List<Queued> queued) {
        OffsetDateTime now = utc(clock.instant());
        // Due at once; the unique index turns a repeated status change into no new row.
        jdbc.batchUpdate("""
                INSERT INTO gateway.callbacks (id, system_id, kind, subject_id, subject_status, occurred_at, payload, status,
                    next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                ON CONFLICT (kind, subject_id, subject_status, occurred_at) DO NOTHING""", queued, 500, (ps, q) -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, q.systemId());
            ps.setString(3, q.kind());
            ps.setObject(4, q.subjectId());
            ps.setString(5, q.subjectStatus());
            ps.setObject(6, utc(q.occurredAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(7, q.payload());
            ps.setObject(8, now, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(9, now, Types.TIMESTAMP_WITH_TIMEZONE);
        });
        signal.wakeAfterCommit();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
