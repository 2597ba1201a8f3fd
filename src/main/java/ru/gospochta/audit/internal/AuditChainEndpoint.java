package ru.gospochta.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.ChainVerification;

/**
 * {@code GET /actuator/auditchain}: the verification command of EVD-3 for operators. Like every
 * actuator endpoint that is not a probe, it answers administrators only.
 */
@Component
@Endpoint(id = "auditchain")
class AuditChainEndpoint {

    private final AuditLog auditLog;

    AuditChainEndpoint(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @ReadOperation
    public Map<String, Object> verify() {
        ChainVerification result = auditLog.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", result.intact());
        body.put("entries", result.entries());
        result.firstBreak().ifPresent(broken -> {
            body.put("brokenAt", broken.seq());
            body.put("problem", broken.problem().name());
            body.put("reason", broken.reason());
        });
        body.put("message", result.message());
        return body;
    }
}
