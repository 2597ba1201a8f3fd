package ru.gospochta.identity.internal.session;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.CitizenPrincipal;

/**
 * Turns a completed sign-in into a signed-in session: a new session id (no fixation), the
 * security context stored in it, and where it came from for the list of sessions.
 */
@Component
public class SignInSessions {

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    public void establish(CitizenPrincipal citizen, HttpServletRequest request, HttpServletResponse response, Instant now) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(citizen, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + CitizenPrincipal.ROLE)));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        Sessions.describe(request, now);
    }
}
