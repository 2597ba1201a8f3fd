package ru.gospochta.gateway.internal.messages;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;

/**
 * A system's messages a day (GW-5), counted in the database inside the transaction that accepts
 * them, so a refusal or a rollback takes its count back. An event counts as the cabinet message
 * it becomes.
 *
 * <p>The count is one row a system a day, locked by whoever adds to it until that transaction
 * ends; so it is added to last, just before the commit, and a system's batches sent side by side
 * are stored side by side rather than one after another behind the row. A look without the lock
 * comes first, so a system already past its limit is refused before any of its work is done.
 */
@Component
class DailyQuota {

    /** Quotas count by the portal's day, which is Moscow's. */
    static final ZoneId PORTAL_ZONE = ZoneId.of("Europe/Moscow");

    private final SentMessages store;
    private final ApiLimits limits;

    DailyQuota(SentMessages store, ApiLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * Refuses early, without taking the row's lock, when the day's count already leaves no room:
     * batches then retried all day long cost nothing. Not the decision — {@link #count} is.
     *
     * @throws QuotaExceeded when the system's messages for today would pass its limit
     */
    void check(ApiCaller caller, int messages, Instant now) {
        LocalDate today = now.atZone(PORTAL_ZONE).toLocalDate();
        refuseAbove(caller, store.countedToday(caller.systemId(), today) + messages, today, now);
    }

    /**
     * Adds the messages to the day's count; called last in the accepting transaction (above).
     *
     * @throws QuotaExceeded when the system's messages for today would pass its limit
     */
    void count(ApiCaller caller, int messages, Instant now) {
        LocalDate today = now.atZone(PORTAL_ZONE).toLocalDate();
        refuseAbove(caller, store.countToday(caller.systemId(), today, messages), today, now);
    }

    private void refuseAbove(ApiCaller caller, long total, LocalDate today, Instant now) {
        long perDay = limits.messagesPerDay(caller.systemId());
        if (total > perDay) {
            ZonedDateTime midnight = today.plusDays(1).atStartOfDay(PORTAL_ZONE);
            throw new QuotaExceeded("daily-quota", perDay, Duration.between(now, midnight.toInstant()));
        }
    }
}
