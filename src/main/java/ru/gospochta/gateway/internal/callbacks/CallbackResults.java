package ru.gospochta.gateway.internal.callbacks;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Journals each attempt and writes what became of its callback (GW-3, NTF-5): delivered, due again
 * after a growing wait, or — once the next attempt would fall outside the retry window — failed.
 */
@Component
class CallbackResults {

    private static final Logger log = LoggerFactory.getLogger(CallbackResults.class);
    private static final int ERROR = 300;

    private final JdbcTemplate jdbc;
    private final CallbackProperties properties;
    private final Clock clock;

    CallbackResults(JdbcTemplate jdbc, CallbackProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** In one short transaction, with no request under way. */
    void record(List<Attempt> attempts) {
        Instant now = clock.instant();
        List<Object[]> journal = new ArrayList<>(attempts.size());
        List<Object[]> updates = new ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            Claimed c = a.callback();
            String error = cut(a.error());
            journal.add(new Object[] {c.id(), c.attempt(), utc(a.startedAt()), (int) Math.min(Integer.MAX_VALUE, a.durationMillis()),
                    a.statusCode(), error});
            String status;
            Instant next = null;
            if (a.delivered()) {
                status = "delivered";
            } else {
                next = now.plus(wait(c.attempt()));
                boolean late = next.isAfter(c.createdAt().plus(properties.retryWindow()));
                status = !a.retriable() || late ? "failed" : "pending";
                if (status.equals("failed")) {
                    next = null;
                    log.warn("Callback {} to system {} given up after {} attempts: {}", c.id(), c.systemId(), c.attempt(), error);
                }
            }
            updates.add(new Object[] {status, utc(next), a.delivered() ? utc(now) : null, a.statusCode(), error, c.id(),
                    c.attempt()});
        }
        jdbc.batchUpdate("""
                        INSERT INTO gateway.callback_attempts (callback_id, attempt, started_at, duration_ms, status_code, error)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", journal,
                new int[] {Types.OTHER, Types.INTEGER, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.INTEGER, Types.VARCHAR});
        // Only the latest claim writes: a node that outlived its claim must not undo what the next attempt recorded.
        jdbc.batchUpdate("""
                        UPDATE gateway.callbacks SET status = ?, next_attempt_at = ?, delivered_at = ?, last_status_code = ?,
                            last_error = ?
                        WHERE id = ? AND attempts = ?""", updates,
                new int[] {Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER,
                        Types.VARCHAR, Types.OTHER, Types.INTEGER});
    }

    /**
     * Doubling from the first wait up to the ceiling, with a tenth of jitter, so that the callbacks a
     * receiver's outage held back do not all return in the same second.
     */
    private Duration wait(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        long millis = Math.min(properties.maxRetryWait().toMillis(), properties.firstRetry().toMillis() << doublings);
        long jitter = millis / 10;
        return Duration.ofMillis(millis - jitter + ThreadLocalRandom.current().nextLong(jitter * 2 + 1));
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String cut(@Nullable String error) {
        return error == null || error.length() <= ERROR ? error : error.substring(0, ERROR);
    }
}
