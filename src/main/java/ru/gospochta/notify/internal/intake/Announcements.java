package ru.gospochta.notify.internal.intake;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.DeliveredMessage;
import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.delivery.DispatchSignal;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

/**
 * Announces delivered messages (NTF-1): an event of type {@code new-message} per message, filed
 * in the message's category, and its notifications by each citizen's grid — written with three
 * batched statements, so the batch API's thousand messages cost three round trips, not three thousand.
 */
@Component
class Announcements {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventCatalogue catalogue;
    private final PreferencesStore preferences;
    private final DispatchSignal dispatch;
    private final JdbcTemplate jdbc;

    Announcements(EventCatalogue catalogue, PreferencesStore preferences, DispatchSignal dispatch, JdbcTemplate jdbc) {
        this.catalogue = catalogue;
        this.preferences = preferences;
        this.dispatch = dispatch;
        this.jdbc = jdbc;
    }

    void announce(List<DeliveredMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        EventType base = catalogue.type("new-message").orElseThrow(() -> new IllegalStateException("new-message is not in the catalogue"));
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<Object[]> events = new ArrayList<>(messages.size());
        for (DeliveredMessage m : messages) {
            String category = Category.byCode(m.category()).orElse(base.category()).code();
            events.add(new Object[] {m.messageId(), m.account(), base.code(), category,
                    JSON.writeValueAsString(Map.of("subject", m.subject(), "sender", m.senderName())),
                    m.systemId() == null ? "mailbox" : "system:" + m.systemId(), m.systemId(), m.senderName(), m.messageId(), at});
        }
        int[] inserted = jdbc.batchUpdate("""
                        INSERT INTO notify.events (id, account, type, category, mandatory, urgent, variables, source, system_id,
                            sender_name, message_id, created_at)
                        VALUES (?, ?, ?, ?, false, false, CAST(? AS jsonb), ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""", events,
                new int[] {Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.OTHER,
                        Types.VARCHAR, Types.OTHER, Types.TIMESTAMP_WITH_TIMEZONE});
        Map<UUID, Preferences> settings = preferences.ofAll(messages.stream().map(DeliveredMessage::account).distinct().toList());
        List<Object[]> notifications = new ArrayList<>();
        List<Object[]> journal = new ArrayList<>();
        boolean due = false;
        for (int i = 0; i < messages.size(); i++) {
            if (inserted[i] == 0) {
                continue;   // announced before: a retried delivery announces nothing twice
            }
            DeliveredMessage m = messages.get(i);
            EventType type = base.withCategory(Category.byCode(m.category()).orElse(base.category()));
            for (Planner.Plan plan : Planner.plan(type, settings.getOrDefault(m.account(), Preferences.defaults()), now)) {
                UUID id = UUID.randomUUID();
                notifications.add(new Object[] {id, m.account(), m.messageId(), plan.channel().name(), plan.status(),
                        plan.dueAt().atOffset(ZoneOffset.UTC), at, at});
                journal.add(new Object[] {id, at, plan.channel().name(), plan.status()});
                due |= plan.status().equals("created");
            }
        }
        if (notifications.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        INSERT INTO notify.notifications (id, account, event_id, kind, channel, status, due_at, created_at, updated_at)
                        VALUES (?, ?, ?, 'EVENT', ?, ?, ?, ?, ?)""", notifications,
                new int[] {Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                        Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE});
        jdbc.batchUpdate("INSERT INTO notify.attempts (notification_id, at, channel, status) VALUES (?, ?, ?, ?)", journal,
                new int[] {Types.OTHER, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR});
        if (due) {
            dispatch.wakeAfterCommit();
        }
    }
}
