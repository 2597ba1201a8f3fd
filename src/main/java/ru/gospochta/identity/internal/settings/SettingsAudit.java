package ru.gospochta.identity.internal.settings;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;

/**
 * What the security settings tell the audit log (SEC-4): every change as a success, every refused
 * attempt as a failure with its reason. Details are facts such as the method chosen; never a
 * password, a code, a secret or a session id.
 */
@Component
class SettingsAudit {

    private final AuditLog log;

    SettingsAudit(AuditLog log) {
        this.log = log;
    }

    /** Joins the caller's transaction, so the entry commits or rolls back with the change. */
    void changed(UUID account, String action, String sourceIp, Map<String, String> details) {
        log.record(entry(account, action, AuditOutcome.SUCCESS, sourceIp, details));
    }

    /**
     * Runs an attempt and journals its refusal. The change runs its own transaction inside, so by
     * the time a refusal arrives here it has rolled back and the failure entry commits on its own.
     */
    <T> T attempt(UUID account, String action, String sourceIp, Supplier<T> change) {
        try {
            return change.get();
        } catch (SettingsRefused refused) {
            log.record(entry(account, action, AuditOutcome.FAILURE, sourceIp, Map.of("reason", refused.reason().key())));
            throw refused;
        }
    }

    private static AuditEntry entry(UUID account, String action, AuditOutcome outcome, String sourceIp,
            Map<String, String> details) {
        AuditEntry entry = AuditEntry.of("citizen:" + account, action, "account:" + account, outcome).from(sourceIp);
        for (Map.Entry<String, String> detail : details.entrySet()) {
            entry = entry.with(detail.getKey(), detail.getValue());
        }
        return entry;
    }
}
