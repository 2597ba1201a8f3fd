package ru.gospochta.contacts.internal.email;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Hard bounces and complaints suspend delivery to an address at once (CNT-6). The citizen is told by
 * {@link SuspensionNotices}, after the suspension commits.
 */
@Service
class EmailSuspensions implements ContactEmails {

    private static final Logger log = LoggerFactory.getLogger(EmailSuspensions.class);
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>;:,\"'()\\[\\]]+@[^\\s<>;:,\"'()\\[\\]]+");

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
        List<EmailAddresses.Stored> suspended = addresses.suspendBounced(account, address,
                EmailDeliverySuspended.Reason.HARD_BOUNCE.name(), clock.instant());
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

    /**
     * A report read from the bounce mailbox (NTF-5): a delivery that failed for good after the
     * relay took the letter, or a recipient's complaint. Every account that confirmed the address
     * has it suspended and is told. An address nobody holds, or one suspended already, changes
     * nothing and leaves no journal entry: anyone can write to the bounce mailbox.
     */
    @Transactional
    public List<EmailAddresses.Stored> reported(String address, EmailDeliverySuspended.Reason reason,
            @Nullable String messageId, String diagnostic) {
        List<EmailAddresses.Stored> suspended = addresses.suspendBounced(null, address, reason.name(), clock.instant());
        if (suspended.isEmpty()) {
            log.info("A {} report about {} suspends nothing: no account has it confirmed", reason, masked(address));
            return suspended;
        }
        String masked = masked(address);
        String action = reason == EmailDeliverySuspended.Reason.COMPLAINT ? "contacts.email-complained" : "contacts.email-bounced";
        for (EmailAddresses.Stored s : suspended) {
            AuditEntry entry = AuditEntry.of("system:mail", action, "account:" + s.account(), AuditOutcome.FAILURE)
                    .with("address", masked).with("reason", reason.name()).with("source", "report")
                    .with("diagnostic", bounded(withoutAddresses(diagnostic)));
            audit.record(messageId == null ? entry : entry.with("messageId", bounded(messageId)));
            events.publishEvent(new EmailDeliverySuspended(s.account(), masked, reason));
        }
        return suspended;
    }

    /** A remote server's reply often quotes the address; the journal keeps it masked. */
    static String withoutAddresses(String diagnostic) {
        return ADDRESS.matcher(diagnostic).replaceAll(found -> Matcher.quoteReplacement(masked(found.group())));
    }

    /** What a remote server wrote is not ours to trust with the journal's room. */
    private static String bounded(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
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
