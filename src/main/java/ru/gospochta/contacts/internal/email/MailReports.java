package ru.gospochta.contacts.internal.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.EmailDeliverySuspended;
import ru.gospochta.platform.MailBounced;

/**
 * Delivery reports and complaints read from the bounce mailbox (NTF-5) suspend the address they
 * name, as a refusal at sending time does (CNT-6). Runs after the platform recorded the report, in
 * a transaction of its own, and is retried from the event registry should the server stop first.
 */
@Component
class MailReports {

    private static final Logger log = LoggerFactory.getLogger(MailReports.class);

    private final EmailSuspensions suspensions;

    MailReports(EmailSuspensions suspensions) {
        this.suspensions = suspensions;
    }

    @ApplicationModuleListener
    void on(MailBounced report) {
        String address;
        try {
            // Addresses are stored in ASCII; a report of RFC 6533 may give the domain in Unicode.
            address = new EmailAddress(report.address()).ascii();
        } catch (RuntimeException notAnAddressWeKeep) {
            log.debug("A {} report names an address the rules refuse; no account can hold it", report.kind());
            return;
        }
        EmailDeliverySuspended.Reason reason = switch (report.kind()) {
            case HARD_BOUNCE -> EmailDeliverySuspended.Reason.HARD_BOUNCE;
            case COMPLAINT -> EmailDeliverySuspended.Reason.COMPLAINT;
        };
        suspensions.reported(address, reason, report.messageId(), report.diagnostic());
    }
}
