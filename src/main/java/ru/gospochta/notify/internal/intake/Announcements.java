package ru.gospochta.notify.internal.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.DeliveredMessage;
import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

/**
 * Announces delivered messages (NTF-1): an event of type {@code new-message} per message, filed
 * in the message's category, and its notifications by each citizen's grid ({@link Notices}) —
 * written with a few statements whatever the number of messages, their columns as arrays.
 */
@Component
class Announcements {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventCatalogue catalogue;
    private final PreferencesStore preferences;
    private final Notices notices;
    private final JdbcClient db;

    Announcements(EventCatalogue catalogue, PreferencesStore preferences, Notices notices, JdbcClient db) {
        this.catalogue = catalogue;
        this.preferences = preferences;
        this.notices = notices;
        this.db = db;
    }

    void announce(List<DeliveredMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        EventType base = catalogue.type("new-message").orElseThrow(() -> new IllegalStateException("new-message is not in the catalogue"));
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int n = messages.size();
        UUID[] ids = new UUID[n];
        UUID[] accounts = new UUID[n];
        Category[] categories = new Category[n];
        String[] variables = new String[n];
        String[] sources = new String[n];
        UUID[] systems = new UUID[n];
        String[] senders = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveredMessage m = messages.get(i);
            ids[i] = m.messageId();
            accounts[i] = m.account();
            categories[i] = Category.byCode(m.category()).orElse(base.category());
            variables[i] = JSON.writeValueAsString(Map.of("subject", m.subject(), "sender", m.senderName()));
            sources[i] = m.systemId() == null ? "mailbox" : "system:" + m.systemId();
            systems[i] = m.systemId();
            senders[i] = m.senderName();
        }
        // The event's id is the message's: a retried delivery announces nothing twice.
        Set<UUID> inserted = new HashSet<>(db.sql("""
                        INSERT INTO notify.events (id, account, type, category, mandatory, urgent, variables, source, system_id,
                            sender_name, message_id, created_at)
                        SELECT id, account, :type, category, false, false, variables::jsonb, source, system_id, sender_name, id, :at
                        FROM unnest(:ids::uuid[], :accounts::uuid[], :categories::text[], :variables::text[], :sources::text[],
                            :systems::uuid[], :senders::text[])
                            AS e(id, account, category, variables, source, system_id, sender_name)
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id""")
                .param("type", base.code()).param("at", at).param("ids", ids).param("accounts", accounts)
                .param("categories", Arrays.stream(categories).map(Category::code).toArray(String[]::new)).param("variables", variables).param("sources", sources)
                .param("systems", systems).param("senders", senders)
                .query(UUID.class).list());
        Map<UUID, Preferences> settings = preferences.ofAll(messages.stream().map(DeliveredMessage::account).distinct().toList());
        List<Notices.Planned> planned = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DeliveredMessage m = messages.get(i);
            if (!inserted.remove(m.messageId())) {
                continue;   // announced before
            }
            EventType type = base.withCategory(categories[i]);
            for (Planner.Plan plan : Planner.plan(type, settings.getOrDefault(m.account(), Preferences.defaults()), now)) {
                planned.add(new Notices.Planned(UUID.randomUUID(), m.account(), m.messageId(), plan.channel(), plan.status(),
                        plan.dueAt(), m.systemId()));
            }
        }
        notices.write(planned, now);
    }
}
