package ru.gospochta.notify.internal.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.mailbox.MailboxDelivery;
import ru.gospochta.mailbox.NewMessage;
import ru.gospochta.notify.DeliveredMessage;
import ru.gospochta.notify.EventAccepted;
import ru.gospochta.notify.EventRefused;
import ru.gospochta.notify.NewEvent;
import ru.gospochta.notify.Notifications;
import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.catalogue.ShownValues;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.notify.internal.templates.Templates;

/**
 * {@link Notifications}: an event is checked against the catalogue, becomes a cabinet message at
 * once, and gets its notifications planned — all in the caller's transaction, so the event, the
 * message and the work for the dispatcher are stored together or not at all (the outbox). A repeated
 * event id returns what the first raise decided and changes nothing.
 */
@Service
class EventIntake implements Notifications {

    /** The sender the citizen sees on the portal's own notices. */
    static final UUID PORTAL = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    static final String PORTAL_NAME = "Госпочта";
    static final ZoneId PORTAL_ZONE = ZoneId.of("Europe/Moscow");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventCatalogue catalogue;
    private final PreferencesStore preferences;
    private final Templates templates;
    private final MailboxDelivery mailbox;
    private final Notices notices;
    private final JdbcClient db;
    private final AuditLog audit;
    private final Clock clock;
    private final Announcements announcements;

    EventIntake(EventCatalogue catalogue, PreferencesStore preferences, Templates templates, MailboxDelivery mailbox,
            Notices notices, JdbcClient db, AuditLog audit, Clock clock, Announcements announcements) {
        this.announcements = announcements;
        this.catalogue = catalogue;
        this.preferences = preferences;
        this.templates = templates;
        this.mailbox = mailbox;
        this.notices = notices;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void announce(List<DeliveredMessage> messages) {
        announcements.announce(messages, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    @Transactional
    public EventAccepted raise(NewEvent event) {
        EventType type = check(event);
        Optional<EventAccepted> earlier = earlier(event);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Templates.Rendered text = templates.of(type, Locale.of("ru")).render(ShownValues.of(type, event.variables(), Locale.of("ru")));
        mailbox.deliver(cabinetMessage(event, type, text, now));
        db.sql("""
                        INSERT INTO notify.events (id, account, type, category, mandatory, urgent, variables, source, system_id,
                            sender_name, message_id, created_at)
                        VALUES (:id, :account, :type, :category, :mandatory, :urgent, CAST(:variables AS jsonb), :source, :system,
                            :sender, :message, :now)""")
                .param("id", event.id()).param("account", event.account()).param("type", type.code())
                .param("category", type.category().code()).param("mandatory", type.mandatory()).param("urgent", type.urgent())
                .param("variables", JSON.writeValueAsString(event.variables())).param("source", event.source())
                .param("system", event.systemId())
                .param("sender", event.sender() == null ? PORTAL_NAME : event.sender().agencyName()).param("message", event.id()).param("now", now.atOffset(java.time.ZoneOffset.UTC))
                .update();
        Preferences settings = preferences.of(event.account());
        List<Notices.Planned> plans = Planner.plan(type, settings, now).stream().map(plan -> new Notices.Planned(UUID.randomUUID(),
                event.account(), event.id(), plan.channel(), plan.status(), plan.dueAt(), event.systemId())).toList();
        Map<UUID, String> written = notices.write(plans, now);
        List<EventAccepted.Planned> planned = plans.stream()
                .map(p -> new EventAccepted.Planned(p.id(), p.channel(), written.get(p.id()))).toList();
        audit.record(AuditEntry.of(event.source(), "notify.event-raised", "event:" + event.id(), AuditOutcome.SUCCESS)
                .with("type", type.code()).with("account", event.account().toString())
                .with("notifications", Integer.toString(planned.size())));
        return new EventAccepted(event.id(), event.id(), List.copyOf(planned));
    }

    @Override
    public void checkAgencyEvent(String type, Map<String, String> variables) {
        check(type, variables, true);
    }

    private EventType check(NewEvent event) {
        return check(event.type(), event.variables(), event.systemId() != null);
    }

    private EventType check(String code, Map<String, String> variables, boolean fromAgency) {
        EventType type = catalogue.type(code)
                .orElseThrow(() -> new EventRefused(List.of(new EventRefused.Problem("type", "unknown-type"))));
        List<EventRefused.Problem> problems = new ArrayList<>();
        if (type.internal() && fromAgency) {
            problems.add(new EventRefused.Problem("type", "reserved-type"));
        }
        for (String[] p : type.problems(variables)) {
            problems.add(new EventRefused.Problem("variables." + p[0], p[1]));
        }
        if (!problems.isEmpty()) {
            throw new EventRefused(problems);
        }
        return type;
    }

    private Optional<EventAccepted> earlier(NewEvent event) {
        Optional<UUID> account = db.sql("SELECT account FROM notify.events WHERE id = :id").param("id", event.id())
                .query(UUID.class).optional();
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (!account.get().equals(event.account())) {
            throw new IllegalArgumentException("event id " + event.id() + " is already taken by another account");
        }
        List<EventAccepted.Planned> planned = db.sql("""
                        SELECT id, channel, status FROM notify.notifications WHERE event_id = :id ORDER BY channel""")
                .param("id", event.id())
                .query((rs, n) -> new EventAccepted.Planned(rs.getObject("id", UUID.class),
                        ru.gospochta.notify.Channel.valueOf(rs.getString("channel")), rs.getString("status")))
                .list();
        return Optional.of(new EventAccepted(event.id(), event.id(), planned));
    }

    private static NewMessage cabinetMessage(NewEvent event, EventType type, Templates.Rendered text, Instant now) {
        Map<String, String> v = event.variables();
        LocalDate due = v.containsKey("dueDate") ? LocalDate.parse(v.get("dueDate")) : null;
        UUID agency = event.sender() == null ? PORTAL : event.sender().agencyId();
        String agencyName = event.sender() == null ? PORTAL_NAME : event.sender().agencyName();
        String number = "GP-N-" + now.atZone(PORTAL_ZONE).getYear() + "-" + event.id().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        return new NewMessage(event.id(), event.account(), agency, agencyName, type.category().code(), text.subject(), text.body(),
                null, v.get("applicationNumber"), due, type.urgent() ? "high" : "normal", number, List.of(), now);
    }
}
