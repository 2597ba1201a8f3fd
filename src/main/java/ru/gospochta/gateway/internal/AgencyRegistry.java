package ru.gospochta.gateway.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;

/** Registers agencies and their systems and sets the systems' limits (GW-1, GW-5); every change is audited with who made it. */
@Service
public class AgencyRegistry {

    private final Agencies agencies;
    private final RegistryLimits limits;
    private final AuditLog audit;
    private final Clock clock;

    AgencyRegistry(Agencies agencies, RegistryLimits limits, AuditLog audit, Clock clock) {
        this.agencies = agencies;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param actor who registers, as the audit log names actors, e.g. {@code staff:admin}
     * @throws RegistryRefused when the OGRN or INN belongs to another agency
     */
    @Transactional
    public Agency register(AgencyDetails details, String actor, @Nullable String sourceIp) {
        refuseTaken(details, null);
        Instant now = clock.instant();
        Agency agency = new Agency(UUID.randomUUID(), details.name(), details.shortName(), details.ogrn().digits(),
                details.inn().digits(), now, now);
        try {
            agencies.insert(agency);
        } catch (DuplicateKeyException race) {
            throw clashOf(race);
        }
        record(actor, "gateway.agency.register", agency.id(), sourceIp, Map.of("ogrn", agency.ogrn(), "inn", agency.inn()));
        return agency;
    }

    /**
     * @throws NotInRegistry when there is no such agency
     * @throws RegistryRefused when the OGRN or INN belongs to another agency
     */
    @Transactional
    public Agency change(UUID id, AgencyDetails details, String actor, @Nullable String sourceIp) {
        Agency before = agencies.byId(id).orElseThrow(() -> new NotInRegistry("agency " + id));
        refuseTaken(details, id);
        try {
            agencies.update(id, details, clock.instant());
        } catch (DuplicateKeyException race) {
            throw clashOf(race);
        }
        Map<String, String> changed = new LinkedHashMap<>();
        if (!before.ogrn().equals(details.ogrn().digits())) {
            changed.put("ogrn", before.ogrn() + " -> " + details.ogrn().digits());
        }
        if (!before.inn().equals(details.inn().digits())) {
            changed.put("inn", before.inn() + " -> " + details.inn().digits());
        }
        if (!before.name().equals(details.name()) || !before.shortName().equals(details.shortName())) {
            changed.put("name", "changed");
        }
        record(actor, "gateway.agency.change", id, sourceIp, changed);
        return agencies.byId(id).orElseThrow();
    }

    /**
     * @throws NotInRegistry when there is no such agency
     * @throws RegistryRefused when the name is too short or long, or the agency has a system of that name
     */
    @Transactional
    public AgencySystem addSystem(UUID agencyId, String typedName, String actor, @Nullable String sourceIp) {
        agencies.byId(agencyId).orElseThrow(() -> new NotInRegistry("agency " + agencyId));
        String name = AgencySystem.checkedName(typedName);
        if (agencies.systemNamed(agencyId, name).isPresent()) {
            throw RegistryRefused.of("systemName", "gateway.system.name.taken");
        }
        AgencySystem system = new AgencySystem(UUID.randomUUID(), agencyId, name, clock.instant());
        try {
            agencies.insertSystem(system);
        } catch (DuplicateKeyException race) {
            throw RegistryRefused.of("systemName", "gateway.system.name.taken");
        }
        audit.record(entry(actor, "gateway.system.register", "system:" + system.id(), sourceIp)
                .with("agency", agencyId.toString()));
        return system;
    }

    /**
     * Sets a system's own limits (GW-5); an empty value returns it to the default. The API of this
     * node applies them from its next call, other nodes within their check interval.
     *
     * @throws NotInRegistry when the system is not the agency's
     */
    @Transactional
    public SystemLimits changeLimits(UUID agencyId, UUID systemId, SystemLimits changed, String actor,
            @Nullable String sourceIp) {
        agencies.system(systemId).filter(s -> s.agencyId().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("system " + systemId));
        SystemLimits before = agencies.limitsForUpdate(systemId).orElseThrow(() -> new NotInRegistry("system " + systemId));
        agencies.updateLimits(systemId, changed);
        AuditEntry entry = entry(actor, "gateway.system.limits", "system:" + systemId, sourceIp)
                .with("agency", agencyId.toString());
        if (!Objects.equals(before.requestsPerSecond(), changed.requestsPerSecond())) {
            entry = entry.with("requestsPerSecond", SystemLimits.describe(before.requestsPerSecond()) + " -> "
                    + SystemLimits.describe(changed.requestsPerSecond()));
        }
        if (!Objects.equals(before.messagesPerDay(), changed.messagesPerDay())) {
            entry = entry.with("messagesPerDay", SystemLimits.describe(before.messagesPerDay()) + " -> "
                    + SystemLimits.describe(changed.messagesPerDay()));
        }
        audit.record(entry);
        forgetAfterCommit(systemId);
        return changed;
    }

    /** Forgetting before the commit would let a concurrent call read the old row and remember it for another interval. */
    private void forgetAfterCommit(UUID systemId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    limits.forget(systemId);
                }
            });
        } else {
            limits.forget(systemId);
        }
    }

    private void refuseTaken(AgencyDetails details, @Nullable UUID except) {
        Set<String> taken = agencies.taken(details, except);
        if (!taken.isEmpty()) {
            Map<String, String> problems = new LinkedHashMap<>();
            taken.forEach(field -> problems.put(field, "gateway.agency." + field + ".taken"));
            throw new RegistryRefused(problems);
        }
    }

    /** Two administrators saving the same number at once: the unique index decides, the constraint names the field. */
    private static RegistryRefused clashOf(DuplicateKeyException race) {
        String message = String.valueOf(race.getMessage());
        return message.contains("agencies_inn_key") ? RegistryRefused.of("inn", "gateway.agency.inn.taken")
                : RegistryRefused.of("ogrn", "gateway.agency.ogrn.taken");
    }

    private void record(String actor, String action, UUID agencyId, @Nullable String sourceIp, Map<String, String> details) {
        AuditEntry entry = entry(actor, action, "agency:" + agencyId, sourceIp);
        for (Map.Entry<String, String> detail : details.entrySet()) {
            entry = entry.with(detail.getKey(), detail.getValue());
        }
        audit.record(entry);
    }

    static AuditEntry entry(String actor, String action, String target, @Nullable String sourceIp) {
        AuditEntry entry = AuditEntry.of(actor, action, target, AuditOutcome.SUCCESS);
        return sourceIp == null ? entry : entry.from(sourceIp);
    }
}
