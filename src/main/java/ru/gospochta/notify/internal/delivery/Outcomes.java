package ru.gospochta.notify.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.notify.NotificationStatusChanged;
import ru.gospochta.notify.NotificationStatusesChanged;
import ru.gospochta.notify.internal.NotifyProperties;

/**
 * Writes what became of each notification and journals the attempt (NTF-5): delivered, skipped,
 * a permanent failure, or a temporary one — retried after a growing wait until the retry window
 * closes, after which it is a technical failure.
 */
@Component
class Outcomes {

    /**
     * One notification's attempt: the provider tried ({@code null} when none serves the channel) and
     * its outcome; {@code failedBefore}, the attempt of the same dispatch through a provider that
     * failed and was passed over for this one, journalled first.
     */
    record Result(Claimed notification, @Nullable String provider, Outcome outcome, Instant startedAt,
            @Nullable Result failedBefore) {

        Result(Claimed notification, @Nullable String provider, Outcome outcome, Instant startedAt) {
            this(notification, provider, outcome, startedAt, null);
        }
    }

    private static final int DETAIL = 500;

    private final JdbcClient db;
    private final ApplicationEventPublisher events;
    private final NotifyProperties properties;
    private final Clock clock;

    Outcomes(JdbcClient db, ApplicationEventPublisher events, NotifyProperties properties, Clock clock) {
        this.db = db;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    void record(List<Result> results) {
        Instant now = clock.instant();
        int n = results.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        String[] dues = new String[n];
        String[] providers = new String[n];
        String[] errors = new String[n];
        // A claim counts one attempt; a failover within the dispatch made one more.
        Integer[] extra = new Integer[n];
        Journal journal = new Journal();
        List<NotificationStatusChanged> followed = new ArrayList<>();
        Map<UUID, List<Folded>> folded = foldedFollowed(results);
        for (int i = 0; i < n; i++) {
            Result r = results.get(i);
            Claimed c = r.notification();
            String status;
            Instant due = null;
            switch (r.outcome().kind()) {
                case DELIVERED -> status = "delivered";
                case SKIPPED -> status = "skipped";
                case PERMANENT -> status = "permanent-failure";
                case TEMPORARY -> {
                    Duration wait = Backoff.after(c.attempts(), properties.firstRetry(), properties.maxRetryWait());
                    Duration asked = r.outcome().retryAfter();
                    if (asked != null && asked.compareTo(wait) > 0) {
                        wait = asked.compareTo(properties.maxRetryWait()) > 0 ? properties.maxRetryWait() : asked;
                    }
                    due = now.plus(wait);
                    status = due.isAfter(c.createdAt().plus(properties.retryWindow())) ? "technical-failure" : "temporary-failure";
                }
                default -> throw new IllegalStateException();
            }
            ids[i] = c.id();
            statuses[i] = status;
            dues[i] = due == null ? null : due.toString();
            providers[i] = r.provider();
            errors[i] = r.outcome().errorCode();
            extra[i] = r.failedBefore() == null ? 0 : 1;
            if (r.failedBefore() != null) {
                journal.add(r.failedBefore(), "temporary-failure");
            }
            journal.add(r, status);
            if (c.systemId() != null && c.eventId() != null) {
                followed.add(new NotificationStatusChanged(c.id(), c.eventId(), c.systemId(), c.channel(), status,
                        r.outcome().errorCode(), now));
            }
            // A digest's outcome is that of every notice folded into it: their agencies hear of it under their own ids.
            for (Folded f : folded.getOrDefault(c.id(), List.of())) {
                followed.add(new NotificationStatusChanged(f.id(), f.eventId(), f.systemId(), c.channel(), status,
                        r.outcome().errorCode(), now));
            }
        }
        // One statement each for the batch, not one a notification: the rows travel as arrays.
        db.sql("""
                        UPDATE notify.notifications n SET status = u.status, due_at = coalesce(u.due, n.due_at), claimed_until = NULL,
                            provider = u.provider, error_code = u.error_code, attempts = n.attempts + u.extra,
                            delivered_at = CASE WHEN u.status = 'delivered' THEN :now END, updated_at = :now
                        FROM unnest(:ids::uuid[], :statuses::text[], :dues::timestamptz[], :providers::text[], :errors::text[],
                            :extra::int[]) AS u(id, status, due, provider, error_code, extra)
                        WHERE n.id = u.id""")
                .param("ids", ids).param("statuses", statuses).param("dues", dues).param("providers", providers)
                .param("errors", errors).param("extra", extra).param("now", ts(now)).update();
        journal.write();
        if (!followed.isEmpty()) {
            // In this transaction: the event registry keeps it for the agencies' callbacks until they are queued.
            events.publishEvent(new NotificationStatusesChanged(followed));
        }
    }

    /** The attempts of the batch, in the order they were made, written in one statement. */
    private final class Journal {

        private final List<UUID> ids = new ArrayList<>();
        private final List<String> starts = new ArrayList<>();
        private final List<String> channels = new ArrayList<>();
        private final List<@Nullable String> providers = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();
        private final List<@Nullable String> errors = new ArrayList<>();
        private final List<@Nullable String> details = new ArrayList<>();

        void add(Result r, String status) {
            ids.add(r.notification().id());
            starts.add(r.startedAt().toString());
            channels.add(r.notification().channel().name());
            providers.add(r.provider());
            statuses.add(status);
            errors.add(r.outcome().errorCode());
            details.add(cut(r.outcome().detail()));
        }

        void write() {
            db.sql("""
                            INSERT INTO notify.attempts (notification_id, at, channel, provider, status, error_code, detail)
                            SELECT * FROM unnest(:ids::uuid[], :starts::timestamptz[], :channels::text[], :providers::text[],
                                :statuses::text[], :errors::text[], :details::text[])""")
                    .param("ids", ids.toArray(UUID[]::new)).param("starts", starts.toArray(String[]::new))
                    .param("channels", channels.toArray(String[]::new)).param("providers", providers.toArray(String[]::new))
                    .param("statuses", statuses.toArray(String[]::new)).param("errors", errors.toArray(String[]::new))
                    .param("details", details.toArray(String[]::new)).update();
        }
    }

    /** A notice folded into a digest, raised by an agency system that follows its status. */
    private record Folded(UUID id, UUID eventId, UUID systemId) {
    }

    /** The folded notices of the batch's digests whose events came from an agency system, by digest. */
    private Map<UUID, List<Folded>> foldedFollowed(List<Result> results) {
        UUID[] digests = results.stream().map(Result::notification).filter(Claimed::digest).map(Claimed::id).toArray(UUID[]::new);
        if (digests.length == 0) {
            return Map.of();
        }
        Map<UUID, List<Folded>> folded = new HashMap<>();
        db.sql("""
                        SELECT n.digest_id, n.id, n.event_id, e.system_id FROM notify.notifications n
                        JOIN notify.events e ON e.id = n.event_id
                        WHERE n.digest_id = ANY(:digests) AND e.system_id IS NOT NULL""")
                .param("digests", digests)
                .query((rs, i) -> folded.computeIfAbsent(rs.getObject("digest_id", UUID.class), d -> new ArrayList<>())
                        .add(new Folded(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                                rs.getObject("system_id", UUID.class))))
                .list();
        return folded;
    }

    private static java.time.@Nullable OffsetDateTime ts(@Nullable Instant at) {
        return at == null ? null : at.atOffset(java.time.ZoneOffset.UTC);
    }

    private static @Nullable String cut(@Nullable String detail) {
        return detail == null || detail.length() <= DETAIL ? detail : detail.substring(0, DETAIL);
    }
}
