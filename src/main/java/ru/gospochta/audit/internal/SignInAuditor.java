package ru.gospochta.audit.internal;

import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;

/**
 * Journals every staff sign-in to the admin area and the actuator, successful or not (SEC-4),
 * with the address it came from. HTTP Basic authenticates each request, so each actuator call
 * is an entry of its own. The password never leaves the authentication object.
 *
 * <p>The listeners run on the signing-in thread and let a failure to write propagate: a sign-in
 * that cannot be journalled does not happen.
 */
@Component
class SignInAuditor {

    static final String ACTION = "staff.sign-in";

    private final AuditLog auditLog;

    SignInAuditor(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        auditLog.record(entry(event.getAuthentication(), AuditOutcome.SUCCESS));
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        auditLog.record(entry(event.getAuthentication(), AuditOutcome.FAILURE)
                .with("reason", reasonOf(event.getException())));
    }

    /** Signing out ends the session; citizens' and staff's alike (ACC-6, SEC-4). */
    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        String name = authentication.getName();
        String actor = name.startsWith("citizen:") ? name : WebOrigin.staffActor(name);
        AuditEntry entry = AuditEntry.of(actor, "session.ended", actor, AuditOutcome.SUCCESS).with("reason", "sign-out");
        if (authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null) {
            entry = entry.from(web.getRemoteAddress());
        }
        auditLog.record(entry);
    }

    private static AuditEntry entry(Authentication authentication, AuditOutcome outcome) {
        AuditEntry entry = AuditEntry.of(WebOrigin.staffActor(authentication.getName()), ACTION,
                WebOrigin.currentPath(), outcome);
        if (authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null) {
            return entry.from(web.getRemoteAddress());
        }
        return entry;
    }

    /** BadCredentialsException becomes "bad-credentials": the kind of failure, never its message. */
    private static String reasonOf(Exception failure) {
        return failure.getClass().getSimpleName()
                .replaceFirst("Exception$", "")
                .replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }
}
