package ru.gospochta.notify.internal.delivery;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
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

    /** One notification's attempt: the provider tried ({@code null} when none serves the channel) and its outcome. */
    record Result(Claimed notification, @Nullable String provider, Outcome outcome, Instant startedAt) {
    }

    private static final int DETAIL = 500;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final NotifyProperties properties;
    private final Clock clock;

    Outcomes(JdbcTemplate jdbc, ApplicationEventPublisher events, NotifyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    void record(List<Result> results) {
        Instant now = clock.instant();
        List<Object[]> updates = new ArrayList<>(results.size());
        List<Object[]> attempts = new ArrayList<>(results.size());
        List<NotificationStatusChanged> followed = new ArrayList<>();
        for (Result r : results) {
            Claimed c = r.notification();
            String status;
            Instant due = null;
            Instant delivered = null;
            switch (r.outcome().kind()) {
                case DELIVERED -> {
                    status = "delivered";
                    delivered = now;
                }
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
            updates.add(new Object[] {status, ts(due), r.provider(), r.outcome().errorCode(), ts(delivered), ts(now), c.id()});
            if (c.systemId() != null && c.eventId() != null) {
                followed.add(new NotificationStatusChanged(c.id(), c.eventId(), c.systemId(), c.channel(), status,
                        r.outcome().errorCode(), now));
            }
            attempts.add(new Object[] {c.id(), ts(r.startedAt()), c.channel().name(), r.provider(), status,
                    r.outcome().errorCode(), cut(r.outcome().detail())});
        }
        jdbc.batchUpdate("""
                        UPDATE notify.notifications SET status = ?, due_at = coalesce(?, due_at), claimed_until = NULL,
                            provider = ?, error_code = ?, delivered_at = ?, updated_at = ?
                        WHERE id = ?""", updates,
                new int[] {Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.OTHER});
        jdbc.batchUpdate("""
                        INSERT INTO notify.attempts (notification_id, at, channel, provider, status, error_code, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", attempts,
                new int[] {Types.OTHER, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR});
        if (!followed.isEmpty()) {
            // In this transaction: the event registry keeps it for the agencies' callbacks until they are queued.
            events.publishEvent(new NotificationStatusesChanged(followed));
        }
    }

    private static java.time.@Nullable OffsetDateTime ts(@Nullable Instant at) {
        return at == null ? null : at.atOffset(java.time.ZoneOffset.UTC);
    }

    private static @Nullable String cut(@Nullable String detail) {
        return detail == null || detail.length() <= DETAIL ? detail : detail.substring(0, DETAIL);
    }
}
