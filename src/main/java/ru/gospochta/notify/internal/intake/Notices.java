package ru.gospochta.notify.internal.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.NotificationStatusChanged;
import ru.gospochta.notify.NotificationStatusesChanged;
import ru.gospochta.notify.internal.delivery.DispatchSignal;
import ru.gospochta.notify.internal.delivery.Reachability;

/**
 * Writes planned notices with the first lines of their journals (NTF-5), one statement for any
 * number of them. A notice due at once on a channel its citizen cannot be reached on is written
 * settled — skipped, with the reason its provider gives, journalled as created and then skipped —
 * instead of waiting for a dispatcher to claim it only to skip it; the agency that raised the
 * event hears of it as it would from the dispatcher. A notice due later (quiet hours, a digest) is
 * judged when it is due, as the citizen may have bound an address by then.
 */
@Component
class Notices {

    private static final String SKIPPED = "skipped";

    /**
     * A notice as planned.
     *
     * @param status {@code created} or {@code waiting-digest}
     * @param systemId the agency system that raised the event, which hears of a skip; null for the portal's own
     */
    record Planned(UUID id, UUID account, UUID eventId, Channel channel, String status, Instant dueAt,
            @Nullable UUID systemId) {
    }

    private final Reachability reachability;
    private final DispatchSignal dispatch;
    private final ApplicationEventPublisher events;
    private final JdbcClient db;

    Notices(Reachability reachability, DispatchSignal dispatch, ApplicationEventPublisher events, JdbcClient db) {
        this.reachability = reachability;
        this.dispatch = dispatch;
        this.events = events;
        this.db = db;
    }

    /** @return the status each notice was written with, by its id, in the order given */
    Map<UUID, String> write(List<Planned> notices, Instant now) {
        Map<UUID, String> written = new LinkedHashMap<>();
        if (notices.isEmpty()) {
            return written;
        }
        Map<Channel, Map<UUID, Reachability.Skip>> unreachable = reachability.unreachable(dueAtOnce(notices, now));
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int n = notices.size();
        UUID[] ids = new UUID[n];
        UUID[] accounts = new UUID[n];
        UUID[] eventIds = new UUID[n];
        String[] channels = new String[n];
        String[] statuses = new String[n];
        String[] dues = new String[n];
        String[] providers = new String[n];
        String[] reasons = new String[n];
        List<NotificationStatusChanged> followed = new ArrayList<>();
        boolean sendable = false;
        for (int i = 0; i < n; i++) {
            Planned p = notices.get(i);
            Reachability.Skip skip = isDueAtOnce(p, now)
                    ? unreachable.getOrDefault(p.channel(), Map.of()).get(p.account()) : null;
            ids[i] = p.id();
            accounts[i] = p.account();
            eventIds[i] = p.eventId();
            channels[i] = p.channel().name();
            statuses[i] = skip == null ? p.status() : SKIPPED;
            dues[i] = p.dueAt().toString();
            providers[i] = skip == null ? null : skip.provider();
            reasons[i] = skip == null ? null : skip.reason();
            written.put(p.id(), statuses[i]);
            sendable |= statuses[i].equals("created");
            if (skip != null && p.systemId() != null) {
                followed.add(new NotificationStatusChanged(p.id(), p.eventId(), p.systemId(), p.channel(), SKIPPED,
                        skip.reason(), now));
            }
        }
        // The notices and their journals' first lines: as planned, or created and at once skipped. The
        // second part of the union follows the first, so a skip is journalled after its creation.
        db.sql("""
                        WITH made AS (
                            INSERT INTO notify.notifications (id, account, event_id, kind, channel, status, due_at, provider,
                                error_code, created_at, updated_at)
                            SELECT id, account, event_id, 'EVENT', channel, status, due_at, provider, error_code, :at, :at
                            FROM unnest(:ids::uuid[], :accounts::uuid[], :events::uuid[], :channels::text[], :statuses::text[],
                                :dues::timestamptz[], :providers::text[], :reasons::text[])
                                AS n(id, account, event_id, channel, status, due_at, provider, error_code)
                            RETURNING id, channel, status, provider, error_code)
                        INSERT INTO notify.attempts (notification_id, at, channel, provider, status, error_code)
                        SELECT id, :at, channel, NULL, CASE status WHEN 'skipped' THEN 'created' ELSE status END, NULL FROM made
                        UNION ALL
                        SELECT id, :at, channel, provider, status, error_code FROM made WHERE status = 'skipped'""")
                .param("at", at).param("ids", ids).param("accounts", accounts).param("events", eventIds)
                .param("channels", channels).param("statuses", statuses).param("dues", dues).param("providers", providers)
                .param("reasons", reasons).update();
        if (!followed.isEmpty()) {
            // In this transaction, as the dispatcher's outcomes: the registry keeps it for the callbacks.
            events.publishEvent(new NotificationStatusesChanged(followed));
        }
        if (sendable) {
            dispatch.wakeAfterCommit();
        }
        return written;
    }

    private static boolean isDueAtOnce(Planned p, Instant now) {
        return p.status().equals("created") && !p.dueAt().isAfter(now);
    }

    private static Map<Channel, List<UUID>> dueAtOnce(List<Planned> notices, Instant now) {
        Map<Channel, List<UUID>> accounts = new EnumMap<>(Channel.class);
        for (Planned p : notices) {
            if (isDueAtOnce(p, now)) {
                accounts.computeIfAbsent(p.channel(), c -> new ArrayList<>()).add(p.account());
            }
        }
        return accounts;
    }
}
