package ru.gospochta.gateway.internal.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Access tokens are self-contained JWTs, checked by signature, expiry and the credential's
 * revocation, so nothing about them is kept. The default in-memory store would keep every token
 * ever issued until a restart. Token introspection and revocation are therefore not offered;
 * revoking the credential is how access ends.
 */
class NoStoredAuthorizations implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        // nothing to keep: see the class comment
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // nothing was kept
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return null;
    }
}
