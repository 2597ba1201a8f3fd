package ru.gospochta.gateway.internal.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.Recipients;
import ru.gospochta.notify.EventAccepted;
import ru.gospochta.notify.EventRefused;
import ru.gospochta.notify.NewEvent;
import ru.gospochta.notify.Notifications;

/**
 * Raises agencies' events (NTF-1): the citizen found, the type and variables checked by the
 * notification catalogue, the day's quota counted (an event becomes a cabinet message, GW-5), and
 * the event handed to notify — all in one transaction, so the 202 that follows means it is stored
 * and a refusal leaves nothing behind. A test credential's events are checked the same way but
 * reach no citizen, and nobody is looked up for them.
 */
@Service
class GatewayEvents {

    private final Notifications notifications;
    private final Recipients recipients;
    private final DailyQuota quota;
    private final AuditLog audit;
    private final Clock clock;

    GatewayEvents(Notifications notifications, Recipients recipients, DailyQuota quota, AuditLog audit, Clock clock) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.quota = quota;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws MessagesRefused with every problem at once: the recipient nobody receives mail as,
     *     the type or variables the catalogue refuses
     * @throws QuotaExceeded when the system's messages for today would pass its limit
     */
    @Transactional
    EventAccepted raise(ApiCaller caller, EventRequest request) {
        List<Violation> violations = new ArrayList<>();
        UUID account = null;
        if (!caller.test()) {
            Recipients.Resolution found = recipients.resolve(List.of(request.recipient())).get(request.recipient());
            account = found == null ? null : found.account();
            if (account == null) {
                // No event exists without its citizen, so unlike a message it is refused, not kept as undeliverable.
                violations.add(new Violation("recipient", reason(found)));
            }
        }
        try {
            notifications.checkAgencyEvent(request.type(), request.variables());
        } catch (EventRefused refused) {
            violations.addAll(violations(refused));
        }
        if (!violations.isEmpty()) {
            throw new MessagesRefused(violations);
        }
        Instant now = clock.instant();
        quota.check(caller, 1, now);
        UUID id = UUID.randomUUID();
        // Past the checks, only a test credential's event has no account: it is answered and goes no further.
        EventAccepted accepted = account == null ? new EventAccepted(id, id, List.of()) : raise(caller, request, id, account);
        quota.count(caller, 1, now);
        audit.record(AuditEntry.of("agency-system:" + caller.clientId(), "gateway.event.accepted", "event:" + id,
                        AuditOutcome.SUCCESS)
                .with("system", caller.systemId().toString())
                .with("type", request.type())
                .with("notifications", Integer.toString(accepted.notifications().size()))
                .with("sandbox", Boolean.toString(caller.test())));
        return accepted;
    }

    private EventAccepted raise(ApiCaller caller, EventRequest request, UUID id, UUID account) {
        try {
            return notifications.raise(new NewEvent(id, account, request.type(), request.variables(),
                    "system:" + caller.systemId(), caller.systemId(),
                    new NewEvent.Sender(caller.agencyId(), caller.agencyName())));
        } catch (EventRefused refused) {
            throw new MessagesRefused(violations(refused));
        }
    }

    private static String reason(Recipients.@Nullable Resolution found) {
        return found == null || found.refusal() == null ? "no-such-citizen"
                : found.refusal().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The catalogue's problems in the contract's words; a too long text names its limit. */
    private static List<Violation> violations(EventRefused refused) {
        return refused.problems().stream()
                .map(p -> p.code().equals("too-long") ? new Violation(p.path(), p.code(), NewEvent.MAX_VALUE_LENGTH)
                        : new Violation(p.path(), p.code()))
                .toList();
    }
}
