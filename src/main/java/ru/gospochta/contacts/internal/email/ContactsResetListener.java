package ru.gospochta.contacts.internal.email;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.ContactsReset;

/**
 * Access to an account was restored through support after its holder lost every channel
 * (ACC-5, CNT-7): its e-mail addresses, primary and backup, go. They were lost too, or they are
 * where someone else reads the account's mail; the person binds an address again in «Контактные
 * данные» once signed in. Runs after identity's decision is committed, in a transaction of its
 * own, and is retried from the event registry should the server stop first.
 */
@Component
class ContactsResetListener {

    private final EmailAddresses addresses;
    private final AuditLog audit;

    ContactsResetListener(EmailAddresses addresses, AuditLog audit) {
        this.addresses = addresses;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(ContactsReset reset) {
        int removed = addresses.deleteAll(reset.account());
        audit.record(AuditEntry.of("system:access-recovery", "contacts.emails-reset", "account:" + reset.account(),
                AuditOutcome.SUCCESS).with("removed", Integer.toString(removed))
                .with("restoredAt", reset.at().toString()));
    }
}
