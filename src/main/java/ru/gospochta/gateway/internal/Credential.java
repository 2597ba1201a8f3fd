package ru.gospochta.gateway.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ru.gospochta.gateway.CredentialKind;

/**
 * OAuth 2.0 client credentials of one system: a client id, the hash of its secret, the scopes it
 * may ask for and its kind. Revoked once and for good.
 */
public record Credential(UUID id, UUID systemId, String clientId, String secretHash, CredentialKind kind,
        Set<Scope> scopes, Instant issuedAt, String issuedBy, @Nullable Instant revokedAt, @Nullable String revokedBy) {

    public Credential {
        scopes = Set.copyOf(scopes);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
