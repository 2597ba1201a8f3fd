package ru.gospochta.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;

/**
 * Journals a signed-in member of staff being refused a page or endpoint, e.g. a support operator
 * opening the admin area (SEC-4). Anonymous visitors are left out: their refusal is only the
 * redirect to the sign-in form, and the sign-in that follows is journalled anyway.
 */
@Component
class AccessDeniedAuditor {

    static final String ACTION = "staff.access";

    private final AuditLog auditLog;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    AccessDeniedAuditor(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void refused(AuthorizationDeniedEvent<?> event) {
        if (!(event.getObject() instanceof HttpServletRequest request)) {
            return;
        }
        Authentication who = event.getAuthentication().get();
        if (!trust.isAuthenticated(who)) {
            return;
        }
        auditLog.record(AuditEntry.of(WebOrigin.staffActor(who.getName()), ACTION, WebOrigin.pathOf(request),
                        AuditOutcome.DENIED)
                .from(request.getRemoteAddr())
                .with("method", request.getMethod()));
    }
}
