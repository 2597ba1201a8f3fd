package ru.gospochta.gateway.internal.security;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What an access token says besides the standard claims: the credential's kind, so a test
 * credential's messages can be told apart without a lookup, and the agency and system it acts for;
 * and in its header the id of the ring's current key, which picks the one key that signs it.
 */
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ENVIRONMENT = "gospochta_env";
    static final String AGENCY = "agency_id";
    static final String SYSTEM = "system_id";

    private final TokenKeyRing ring;

    TokenClaims(TokenKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(ring.current().kid());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        ClientSettings settings = context.getRegisteredClient().getClientSettings();
        context.getClaims()
                .claim(ENVIRONMENT, settings.<String>getSetting(CredentialClients.KIND))
                .claim(AGENCY, settings.<String>getSetting(CredentialClients.AGENCY))
                .claim(SYSTEM, settings.<String>getSetting(CredentialClients.SYSTEM));
    }
}
