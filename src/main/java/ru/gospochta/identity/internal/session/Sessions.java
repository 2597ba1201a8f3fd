package ru.gospochta.identity.internal.session;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * The web sessions of one person, as «Настройки безопасности» lists them: where and when each
 * began, when it was last used; any one of them, or all but the current, can be ended.
 */
@Service
public class Sessions {

    static final String SOURCE_IP = "gospochta.sourceIp";
    static final String DEVICE = "gospochta.device";
    static final String SIGNED_IN_AT = "gospochta.signedInAt";

    private final FindByIndexNameSessionRepository<? extends Session> repository;

    public Sessions(FindByIndexNameSessionRepository<? extends Session> repository) {
        this.repository = repository;
    }

    /** What the list shows of one session; never its id in full. */
    public record ActiveSession(String id, Instant signedInAt, Instant lastUsedAt, @Nullable String sourceIp,
            @Nullable String device, boolean current) {
    }

    /** Marks the session of a request that has just signed in with where it came from. */
    public static void describe(HttpServletRequest request, Instant now) {
        HttpSession session = request.getSession();
        session.setAttribute(SOURCE_IP, request.getRemoteAddr());
        session.setAttribute(DEVICE, Devices.describe(request.getHeader("User-Agent")));
        session.setAttribute(SIGNED_IN_AT, now);
    }

    public List<ActiveSession> of(String principal, @Nullable String currentSessionId) {
        return repository.findByPrincipalName(principal).values().stream()
                .map(s -> new ActiveSession(s.getId(),
                        Objects.requireNonNullElse(s.<Instant>getAttribute(SIGNED_IN_AT), s.getCreationTime()),
                        s.getLastAccessedTime(), s.getAttribute(SOURCE_IP), s.getAttribute(DEVICE),
                        s.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(ActiveSession::lastUsedAt).reversed())
                .toList();
    }

    /** Ends one session of this principal; a session of someone else is left alone. */
    public boolean end(String principal, String sessionId) {
        if (!repository.findByPrincipalName(principal).containsKey(sessionId)) {
            return false;
        }
        repository.deleteById(sessionId);
        return true;
    }

    /** Ends every session of the principal but the one given (after a password change, or on request). */
    public int endAllExcept(String principal, @Nullable String keptSessionId) {
        int ended = 0;
        for (String id : repository.findByPrincipalName(principal).keySet()) {
            if (!id.equals(keptSessionId)) {
                repository.deleteById(id);
                ended++;
            }
        }
        return ended;
    }
}
