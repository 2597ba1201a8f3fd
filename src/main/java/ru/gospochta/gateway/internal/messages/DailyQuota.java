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

    /** @throws QuotaExceeded when the system's messages for today would pass its limit */
    void count(ApiCaller caller, int messages, Instant now) {
        long perDay = limits.messagesPerDay(caller.systemId());
        LocalDate today = now.atZone(PORTAL_ZONE).toLocalDate();
        if (store.countToday(caller.systemId(), today, messages) > perDay) {
            ZonedDateTime midnight = today.plusDays(1).atStartOfDay(PORTAL_ZONE);
            throw new QuotaExceeded("daily-quota", perDay, Duration.between(now, midnight.toInstant()));
        }
    }
}
