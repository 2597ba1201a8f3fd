package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;

/**
 * What the mailbox tells the audit log (SEC-4): every message opened, every file downloaded and
 * every change a citizen makes, with where from. Never a subject, a body or a file name: the log
 * is read by staff who have no business reading mail.
 */
@Component
class MailboxAudit {

    private final AuditLog log;

    MailboxAudit(AuditLog log) {
        this.log = log;
    }

    void message(UUID account, String action, UUID message, String sourceIp, String... details) {
        record(account, action, "message:" + message, sourceIp, details);
    }

    void folder(UUID account, String action, UUID folder, String sourceIp, String... details) {
        record(account, action, "folder:" + folder, sourceIp, details);
    }

    /** @param details key, value, key, value… */
    private void record(UUID account, String action, String target, String sourceIp, String... details) {
        AuditEntry entry = AuditEntry.of("citizen:" + account, "mailbox." + action, target, AuditOutcome.SUCCESS)
                .from(sourceIp);
        for (int i = 0; i + 1 < details.length; i += 2) {
            entry = entry.with(details[i], details[i + 1]);
        }
        log.record(entry);
    }
}
