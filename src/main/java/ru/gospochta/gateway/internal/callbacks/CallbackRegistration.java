package ru.gospochta.gateway.internal.callbacks;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.gateway.internal.Agencies;
import ru.gospochta.gateway.internal.NotInRegistry;
import ru.gospochta.gateway.internal.RegistryRefused;

/**
 * Sets, changes and removes a system's callback (GW-3), each change audited with who made it. The
 * secret is made when a callback is first set or on request, and leaves this class only in the
 * answer to that request, to be shown once; changing the address keeps it, so the receiver need not
 * change anything but its address.
 */
@Service
public class CallbackRegistration {

    private final Agencies agencies;
    private final CallbackEndpoints endpoints;
    private final CallbackSecrets secrets;
    private final CallbackOutbox outbox;
    private final CallbackProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    CallbackRegistration(Agencies agencies, CallbackEndpoints endpoints, CallbackSecrets secrets, CallbackOutbox outbox,
            CallbackProperties properties, AuditLog audit, Clock clock) {
        this.agencies = agencies;
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.outbox = outbox;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A callback just set: its address, and the secret in clear when one was made, to be shown once. */
    public record Registered(CallbackUrl url, @Nullable String secret) {

        @Override
        public String toString() {
            return "Registered[" + url + (secret == null ? "" : ", secret hidden") + "]";
        }
    }

    /**
     * Sets the system's callback address, making its secret when it had none.
     *
     * @throws NotInRegistry when the system is not the agency's
     * @throws RegistryRefused when the address is not one the portal posts to
     */
    @Transactional
    public Registered register(UUID agencyId, UUID systemId, String typedUrl, String actor, @Nullable String sourceIp) {
        owned(agencyId, systemId);
        CallbackUrl url = CallbackUrl.parse(typedUrl, properties.allowLocal());
        Optional<CallbackEndpoints.Stored> before = endpoints.forUpdate(systemId);
        Instant now = clock.instant();
        if (before.isPresent() && before.get().url().equals(url.uri())) {
            return new Registered(url, null);
        }
        String secret = null;
        if (before.isEmpty()) {
            secret = secrets.newSecret();
            endpoints.set(systemId, url.uri(), secrets.seal(systemId, secret), now);
        } else {
            endpoints.changeUrl(systemId, url.uri(), now);
        }
        audit.record(entry(actor, "gateway.system.callback", systemId, agencyId, sourceIp)
                // Two fields rather than «old -> new»: each address may take the whole length of a detail.
                .with("previousUrl", before.map(b -> b.url().toString()).orElse("none"))
                .with("url", url.toString())
                .with("secret", secret == null ? "kept" : "issued"));
        return new Registered(url, secret);
    }

    /**
     * Replaces the system's secret at once: callbacks sent from now on are signed with the new one.
     *
     * @return the callback with its new secret, to be shown once
     * @throws NotInRegistry when the system is not the agency's
     * @throws RegistryRefused when the system has no callback
     */
    @Transactional
    public Registered newSecret(UUID agencyId, UUID systemId, String actor, @Nullable String sourceIp) {
        owned(agencyId, systemId);
        CallbackEndpoints.Stored stored = endpoints.forUpdate(systemId)
                .orElseThrow(() -> RegistryRefused.of(CallbackUrl.FIELD, "gateway.callback.none"));
        String secret = secrets.newSecret();
        endpoints.set(systemId, stored.url(), secrets.seal(systemId, secret), clock.instant());
        audit.record(entry(actor, "gateway.system.callback.secret", systemId, agencyId, sourceIp));
        return new Registered(new CallbackUrl(stored.url()), secret);
    }

    /**
     * Removes the system's callback and its secret; what was still queued for it is given up.
     *
     * @return whether it had one
     * @throws NotInRegistry when the system is not the agency's
     */
    @Transactional
    public boolean remove(UUID agencyId, UUID systemId, String actor, @Nullable String sourceIp) {
        owned(agencyId, systemId);
        Optional<CallbackEndpoints.Stored> before = endpoints.forUpdate(systemId);
        if (before.isEmpty()) {
            return false;
        }
        endpoints.remove(systemId, clock.instant());
        int dropped = outbox.dropPending(systemId);
        audit.record(entry(actor, "gateway.system.callback", systemId, agencyId, sourceIp)
                .with("previousUrl", before.get().url().toString())
                .with("url", "none")
                .with("droppedPending", Integer.toString(dropped)));
        return true;
    }

    private void owned(UUID agencyId, UUID systemId) {
        agencies.system(systemId).filter(s -> s.agencyId().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("system " + systemId));
    }

    private static AuditEntry entry(String actor, String action, UUID systemId, UUID agencyId, @Nullable String sourceIp) {
        AuditEntry entry = AuditEntry.of(actor, action, "system:" + systemId, AuditOutcome.SUCCESS)
                .with("agency", agencyId.toString());
        return sourceIp == null ? entry : entry.from(sourceIp);
    }
}
