package ru.gospochta.gateway.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A token request without {@code scope} is granted every scope the key holds (RFC 6749, 3.3,
 * lets the server choose a default). Left alone, the authorization server would grant none, and
 * the token would be refused everywhere, which is what integrators trip over first.
 */
class AllScopesByDefault implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    AllScopesByDefault(AuthenticationConverter delegate) {
        this.delegate = delegate;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken asked && asked.getScopes().isEmpty()
                && asked.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
                    asked.getAdditionalParameters());
        }
        return converted;
    }
}
