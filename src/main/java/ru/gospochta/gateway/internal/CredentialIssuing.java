package ru.gospochta.gateway.internal;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.gospochta.audit.AuditLog;
import ru.gospochta.gateway.CredentialKind;

/**
 * Issues a system's client credentials and revokes them (GW-1). The secret leaves this class
 * once, in {@link Issued}, for the administrator to hand over; only its hash is stored.
 */
@Service
public class CredentialIssuing {

    private final Agencies agencies;
    private final Credentials credentials;
    private final ClientSecrets secrets;
    private final ActiveCredentials active;
    private final AuditLog audit;
    private final Clock clock;

    CredentialIssuing(Agencies agencies, Credentials credentials, ClientSecrets secrets, ActiveCredentials active,
            AuditLog audit, Clock clock) {
        this.agencies = agencies;
        this.credentials = credentials;
        this.secrets = secrets;
        this.active = active;
        this.audit = audit;
        this.clock = clock;
    }

    /** A credential just issued, with its secret in clear: shown once and never again. */
    public record Issued(OwnedCredential credential, String secret) {

        @Override
        public String toString() {
            return "Issued[" + credential.credential().clientId() + ", secret hidden]";
        }
    }

    /**
     * @throws NotInRegistry when the system is not the agency's
     * @throws RegistryRefused when no scope is chosen
     */
    @Transactional
    public Issued issue(UUID agencyId, UUID systemId, CredentialKind kind, Set<Scope> scopes, String actor,
            @Nullable String sourceIp) {
        AgencySystem system = agencies.system(systemId).filter(s -> s.agencyId().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("system " + systemId));
        if (scopes.isEmpty()) {
            throw RegistryRefused.of("scopes", "gateway.credential.scopes.none");
        }
        String secret = secrets.newSecret();
        Credential credential = new Credential(UUID.randomUUID(), system.id(), secrets.newClientId(), secrets.hash(secret),
                kind, scopes, clock.instant(), actor, null, null);
        credentials.insert(credential);
        audit.record(AgencyRegistry.entry(actor, "gateway.credential.issue", "credential:" + credential.id(), sourceIp)
                .with("clientId", credential.clientId())
                .with("kind", kind.name())
                .with("scopes", scopeList(scopes))
                .with("system", system.id().toString())
                .with("agency", agencyId.toString()));
        return new Issued(credentials.owned(credential.id()).orElseThrow(), secret);
    }

    /**
     * Revokes at once: the token endpoint refuses the client from the next request, and the API
     * refuses its tokens already issued (see {@link ActiveCredentials}). Revoking twice changes nothing.
     *
     * @throws NotInRegistry when the credential is not one of the agency's
     */
    @Transactional
    public OwnedCredential revoke(UUID agencyId, UUID credentialId, String actor, @Nullable String sourceIp) {
        OwnedCredential owned = credentials.owned(credentialId).filter(c -> c.agency().id().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("credential " + credentialId));
        String clientId = owned.credential().clientId();
        if (credentials.revoke(credentialId, actor, clock.instant())) {
            audit.record(AgencyRegistry.entry(actor, "gateway.credential.revoke", "credential:" + credentialId, sourceIp)
                    .with("clientId", clientId)
                    .with("system", owned.system().id().toString())
                    .with("agency", agencyId.toString()));
            forgetAfterCommit(clientId);
        }
        return credentials.owned(credentialId).orElseThrow();
    }

    /** Forgetting before the commit would let a concurrent call read the old row and remember it as active. */
    private void forgetAfterCommit(String clientId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    active.forget(clientId);
                }
            });
        } else {
            active.forget(clientId);
        }
    }

    static String scopeList(Set<Scope> scopes) {
        return scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
    }
}
