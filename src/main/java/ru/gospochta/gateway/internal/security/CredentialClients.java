package ru.gospochta.gateway.internal.security;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import ru.gospochta.gateway.internal.Credentials;
import ru.gospochta.gateway.internal.GatewayProperties;
import ru.gospochta.gateway.internal.OwnedCredential;
import ru.gospochta.gateway.internal.Scope;

/**
 * The credentials in force, as the authorization server sees its registered clients: client
 * credentials grant only, the secret by HTTP Basic or in the form. A revoked credential is no
 * client at all, so it gets no token. Clients are made in the admin area, never through here.
 */
@Component
class CredentialClients implements RegisteredClientRepository {

    static final String KIND = "gospochta.kind";
    static final String AGENCY = "gospochta.agency";
    static final String SYSTEM = "gospochta.system";

    private final Credentials credentials;
    private final Duration tokenLifetime;

    CredentialClients(Credentials credentials, GatewayProperties properties) {
        this.credentials = credentials;
        this.tokenLifetime = properties.tokenLifetime();
    }

    /** Only ever called to store a re-hashed secret, after the hashing parameters were strengthened. */
    @Override
    public void save(RegisteredClient client) {
        String hash = client.getClientSecret();
        if (hash == null || credentials.owned(client.getClientId()).isEmpty()) {
            throw new UnsupportedOperationException("credentials are issued in the admin area");
        }
        credentials.rehash(client.getClientId(), hash);
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        try {
            return inForce(credentials.owned(UUID.fromString(id)));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return inForce(credentials.owned(clientId));
    }

    private @Nullable RegisteredClient inForce(Optional<OwnedCredential> found) {
        return found.filter(owned -> owned.credential().active()).map(this::client).orElse(null);
    }

    private RegisteredClient client(OwnedCredential owned) {
        var credential = owned.credential();
        return RegisteredClient.withId(credential.id().toString())
                .clientId(credential.clientId())
                .clientIdIssuedAt(credential.issuedAt())
                .clientSecret(credential.secretHash())
                .clientName(owned.agency().shortName() + " — " + owned.system().name())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> credential.scopes().stream().map(Scope::value).forEach(scopes::add))
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .setting(KIND, credential.kind().claim())
                        .setting(AGENCY, owned.agency().id().toString())
                        .setting(SYSTEM, owned.system().id().toString())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(tokenLifetime)
                        .build())
                .build();
    }
}
