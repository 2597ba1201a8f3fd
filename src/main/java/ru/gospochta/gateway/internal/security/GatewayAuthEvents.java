package ru.gospochta.gateway.internal.security;

import java.text.ParseException;
import java.util.Optional;
import java.util.function.Supplier;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.gateway.internal.Credentials;

/**
 * Journals the gateway's authentications (SEC-4): every token issued and every token request
 * refused, with the client id and the source address, and every API call refused for its token.
 *
 * <p>The token issuer's and the API's filter chains publish to this journal instead of the staff
 * sign-in journal, and have no fallback to the staff accounts: an agency client is not staff,
 * and a bearer token must never be written down as a login name.
 */
@Component
class GatewayAuthEvents {

    static final String TOKEN_ISSUED = "gateway.token.issued";
    static final String TOKEN_REFUSED = "gateway.token.refused";
    static final String API_REFUSED = "gateway.api.refused";
    private static final int MAX_TYPED_ID = 100;
    private static final String ANONYMOUS = "anonymous";

    private final AuditLog audit;
    private final Credentials credentials;

    GatewayAuthEvents(AuditLog audit, Credentials credentials) {
        this.audit = audit;
        this.credentials = credentials;
    }

    /** Makes this the journal of the chain's authentications, and the chain's only authority. */
    void attachTo(HttpSecurity http) {
        AuthenticationManagerBuilder authentication = http.getSharedObject(AuthenticationManagerBuilder.class);
        authentication.parentAuthenticationManager(null);
        authentication.authenticationEventPublisher(authenticationEvents());
    }

    /**
     * The chain's own publishers. This bean must not itself be an {@link AuthenticationEventPublisher}
     * or {@link AuthorizationEventPublisher}: Spring would then use it for every chain, and the staff
     * sign-in journal would go silent.
     */
    AuthenticationEventPublisher authenticationEvents() {
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {
                GatewayAuthEvents.this.publishAuthenticationSuccess(authentication);
            }

            @Override
            public void publishAuthenticationFailure(AuthenticationException failure, Authentication authentication) {
                GatewayAuthEvents.this.publishAuthenticationFailure(failure, authentication);
            }
        };
    }

    AuthorizationEventPublisher authorizationEvents() {
        return new AuthorizationEventPublisher() {
            @Override
            public <T> void publishAuthorizationEvent(Supplier<Authentication> authentication, T object,
                    AuthorizationResult result) {
                GatewayAuthEvents.this.publishAuthorizationEvent(authentication, object, result);
            }
        };
    }

    void publishAuthenticationSuccess(Authentication authentication) {
        if (authentication instanceof OAuth2AccessTokenAuthenticationToken issued
                && issued.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            OAuth2AccessToken token = issued.getAccessToken();
            var registered = client.getRegisteredClient();
            AuditEntry entry = AuditEntry.of(actor(registered.getClientId()), TOKEN_ISSUED, "credential:" + registered.getId(),
                            AuditOutcome.SUCCESS)
                    .with("clientId", registered.getClientId())
                    .with("scopes", String.join(" ", token.getScopes().stream().sorted().toList()))
                    .with("expiresAt", String.valueOf(token.getExpiresAt()));
            audit.record(withSource(entry));
        }
    }

    void publishAuthenticationFailure(AuthenticationException failure, Authentication authentication) {
        if (authentication instanceof BearerTokenAuthenticationToken bearer) {
            apiRefused(failure, bearer);
            return;
        }
        String clientId = clientIdOf(authentication);
        String error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "unauthorized";
        String state = clientId == null ? "none" : credentials.owned(clientId)
                .map(owned -> owned.credential().active() ? "active" : "revoked").orElse("unknown");
        boolean refusedRight = "revoked".equals(state) || OAuth2ErrorCodes.INVALID_SCOPE.equals(error);
        AuditEntry entry = AuditEntry.of(clientId == null ? ANONYMOUS : actor(clientId), TOKEN_REFUSED,
                        clientId == null ? "credential:none" : "client:" + clean(clientId),
                        refusedRight ? AuditOutcome.DENIED : AuditOutcome.FAILURE)
                .with("error", error)
                .with("credential", state);
        audit.record(withSource(entry));
    }

    /** An authenticated call refused by the API's rules: the token lacks the scope. */
    <T> void publishAuthorizationEvent(Supplier<Authentication> authentication, T object, AuthorizationResult result) {
        if (result.isGranted() || !(object instanceof HttpServletRequest request)) {
            return;
        }
        Authentication who = authentication.get();
        String actor = who == null || who instanceof AnonymousAuthenticationToken
                ? ANONYMOUS : actor(who.getName());
        audit.record(AuditEntry.of(actor, API_REFUSED, path(request), AuditOutcome.DENIED)
                .from(request.getRemoteAddr())
                .with("reason", ANONYMOUS.equals(actor) ? "no-token" : "insufficient-scope")
                .with("method", request.getMethod()));
    }

    private void apiRefused(AuthenticationException failure, BearerTokenAuthenticationToken bearer) {
        boolean revoked = revoked(failure);
        // Only when the signature was verified (the revocation check runs after it) is the subject worth naming.
        String subject = revoked ? subjectOf(bearer.getToken()).orElse(null) : null;
        String target = currentRequest().map(GatewayAuthEvents::path).orElse("/api");
        AuditEntry entry = AuditEntry.of(subject == null ? ANONYMOUS : actor(subject), API_REFUSED, target, AuditOutcome.DENIED)
                .with("reason", revoked ? "credential-revoked" : "invalid-token");
        audit.record(withSource(entry));
    }

    private static boolean revoked(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream().anyMatch(e -> ActiveCredentialValidator.REVOKED.equals(e.getDescription()));
            }
        }
        return false;
    }

    private static Optional<String> subjectOf(String token) {
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet().getSubject());
        } catch (ParseException unreadable) {
            return Optional.empty();
        }
    }

    /** The client id the request named: typed by the caller, so it is only ever a label here. */
    private static @Nullable String clientIdOf(Authentication authentication) {
        Object principal = authentication.getPrincipal();
        if (principal instanceof OAuth2ClientAuthenticationToken client) {
            principal = client.getRegisteredClient() != null ? client.getRegisteredClient().getClientId() : client.getPrincipal();
        }
        return principal instanceof String id && !id.isBlank() ? id : null;
    }

    private static String actor(String clientId) {
        return "agency-client:" + clean(clientId);
    }

    private static String clean(String typed) {
        StringBuilder kept = new StringBuilder();
        typed.codePoints().limit(MAX_TYPED_ID).forEach(c -> kept.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return kept.toString();
    }

    private static String path(HttpServletRequest request) {
        String path = clean(request.getRequestURI());
        return path.isBlank() ? "/api" : path;
    }

    private static AuditEntry withSource(AuditEntry entry) {
        return currentRequest().map(request -> entry.from(request.getRemoteAddr())).orElse(entry);
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest()) : Optional.empty();
    }
}
