package ru.gospochta.contacts.internal.email;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.contacts.ContactEmails;
import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.EmailDeliverySuspended;

/**
 * Hard bounces suspend delivery to an address at once (CNT-6). The citizen is told by
 * {@link SuspensionNotices}, after the suspension commits.
 */
@Service
class EmailSuspensions implements ContactEmails {

    private final EmailAddresses addresses;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EmailSuspensions(EmailAddresses addresses, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.addresses = addresses;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<String> deliverableEmail(UUID account) {
        return addresses.deliverable(account);
    }

    @Override
    public java.util.Map<UUID, String> deliverableEmails(java.util.Collection<UUID> accounts) {
        return addresses.deliverable(accounts);
    }

    @Override
    @Transactional
    public void reportHardBounce(UUID account, String address) {
        bounced(account, address, -1);
    }

    /**
     * Journals the refused letter and suspends the confirmed address it was sent to. Inside a
     * transaction the refusal rolls back, both go with it — that is only the binding flow, where
     * the address is not yet in force.
     */
    @Transactional
    public List<EmailAddresses.Stored> bounced(@Nullable UUID account, String address, int replyCode) {
        List<EmailAddresses.Stored> suspended = addresses.suspendBounced(account, address, clock.instant());
        String masked = masked(address);
        audit.record(AuditEntry.of("system:mail", "contacts.email-bounced",
                account == null ? "address" : "account:" + account, AuditOutcome.FAILURE)
                .with("address", masked).with("reply", Integer.toString(replyCode))
                .with("suspended", Integer.toString(suspended.size())));
        for (EmailAddresses.Stored s : suspended) {
            events.publishEvent(new EmailDeliverySuspended(s.account(), masked,
                    EmailDeliverySuspended.Reason.HARD_BOUNCE));
        }
        return suspended;
    }

    /** The journal and the SMS never carry a whole address; one the rules refuse is not ours anyway. */
    static String masked(String address) {
        try {
            return new EmailAddress(address).masked();
        } catch (RuntimeException notAnAddress) {
            return "***";
        }
    }
}
