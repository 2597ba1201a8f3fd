package ru.gospochta.contacts.internal.email;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.contacts.EmailDeliverySuspended;

/**
 * The daily actuality check of e-mail addresses (CNT-6). The rule applies to any address, main or
 * backup, not confirmed within 30 days of being added: if nothing else of its kind is in force, it
 * becomes SUSPENDED (reason UNCONFIRMED_30_DAYS) and stays on the profile with the reason, so the
 * citizen sees what happened and can confirm it again instead of finding it gone. A replacement
 * still waiting after 30 days while another address is in force is dropped: letters kept going to
 * the one in force all along, and an abandoned «ожидает подтверждения» would only confuse.
 */
@Component
public class EmailActuality {

    static final String DEFAULT_CRON = "0 15 3 * * *";
    static final String DEFAULT_ZONE = "Europe/Moscow";

    private final EmailAddresses addresses;
    private final ContactsProperties properties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EmailActuality(EmailAddresses addresses, ContactsProperties properties, AuditLog audit,
            ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.addresses = addresses;
        this.properties = properties;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Every node runs it; the claiming UPDATE makes the second run find nothing left to do. */
    @Scheduled(cron = "${gospochta.contacts.actuality-cron:" + DEFAULT_CRON + "}",
            zone = "${gospochta.contacts.actuality-zone:" + DEFAULT_ZONE + "}")
    void daily() {
        suspendUnconfirmed();
        expireReplacements();
    }

    /** Drops the replacements left waiting too long; returns how many. Idempotent. */
    public int expireReplacements() {
        Integer count = transaction.execute(status -> {
            List<EmailAddresses.Expired> expired = addresses.expireReplacements(
                    clock.instant().minus(properties.unconfirmedAfter()));
            for (EmailAddresses.Expired e : expired) {
                audit.record(AuditEntry.of("system:actuality", "contacts.email-replacement-expired", "account:" + e.account(),
                        AuditOutcome.SUCCESS).with("address", EmailSuspensions.masked(e.address())).with("kind", e.kind().name()));
            }
            return expired.size();
        });
        return count == null ? 0 : count;
    }

    /** Suspends the addresses left unconfirmed too long; returns how many. Idempotent. */
    public int suspendUnconfirmed() {
        Integer count = transaction.execute(status -> {
            Instant now = clock.instant();
            List<EmailAddresses.Stored> suspended = addresses.suspendUnconfirmed(now.minus(properties.unconfirmedAfter()), now);
            for (EmailAddresses.Stored s : suspended) {
                String masked = EmailSuspensions.masked(s.address());
                audit.record(AuditEntry.of("system:actuality", "contacts.email-suspended", "account:" + s.account(),
                        AuditOutcome.SUCCESS).with("address", masked).with("reason", "UNCONFIRMED_30_DAYS"));
                events.publishEvent(new EmailDeliverySuspended(s.account(), masked,
                        EmailDeliverySuspended.Reason.UNCONFIRMED_30_DAYS));
            }
            return suspended.size();
        });
        return count == null ? 0 : count;
    }
}
