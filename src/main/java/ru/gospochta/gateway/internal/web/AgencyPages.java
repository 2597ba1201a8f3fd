package ru.gospochta.gateway.internal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import ru.gospochta.gateway.CredentialKind;
import ru.gospochta.gateway.internal.Agencies;
import ru.gospochta.gateway.internal.Agency;
import ru.gospochta.gateway.internal.AgencySystem;
import ru.gospochta.gateway.internal.Credential;
import ru.gospochta.gateway.internal.Credentials;
import ru.gospochta.gateway.internal.NotInRegistry;
import ru.gospochta.gateway.internal.Scope;

/** The agency page's content: its systems, each with its keys, newest first. Never a secret. */
@Component
class AgencyPages {

    /** The portal keeps Moscow time, as the other admin pages do. */
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Moscow"));

    private final Agencies agencies;
    private final Credentials credentials;

    AgencyPages(Agencies agencies, Credentials credentials) {
        this.agencies = agencies;
        this.credentials = credentials;
    }

    record CredentialLine(UUID id, String clientId, String kind, String scopes, String issuedAt, String issuedBy,
            boolean active, @Nullable String revokedAt, @Nullable String revokedBy) {

        static CredentialLine of(Credential c) {
            Instant revoked = c.revokedAt();
            String revokedBy = c.revokedBy();
            return new CredentialLine(c.id(), c.clientId(), c.kind().claim(),
                    c.scopes().stream().map(Scope::value).sorted().collect(Collectors.joining(" ")),
                    moment(c.issuedAt()), who(c.issuedBy()), c.active(), revoked == null ? null : moment(revoked),
                    revokedBy == null ? null : who(revokedBy));
        }
    }

    record SystemLine(UUID id, String name, String addedAt, List<CredentialLine> credentials) {
    }

    /** Fills the model of {@code gateway/agency} and names the template. */
    String agency(UUID id, Model model) {
        Agency agency = agencies.byId(id).orElseThrow(() -> new NotInRegistry("agency " + id));
        Map<UUID, List<Credential>> bySystem = credentials.ofAgency(id).stream()
                .collect(Collectors.groupingBy(Credential::systemId));
        List<SystemLine> systems = agencies.systemsOf(id).stream()
                .map(s -> line(s, bySystem.getOrDefault(s.id(), List.of())))
                .toList();
        model.addAttribute("agency", agency);
        model.addAttribute("systems", systems);
        model.addAttribute("kinds", CredentialKind.values());
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("maxSystemName", AgencySystem.MAX_NAME);
        return "gateway/agency";
    }

    private static SystemLine line(AgencySystem system, List<Credential> credentials) {
        return new SystemLine(system.id(), system.name(), moment(system.createdAt()),
                credentials.stream().map(CredentialLine::of).toList());
    }

    static String moment(Instant instant) {
        return MOMENT.format(instant);
    }

    /** {@code staff:admin} shows as {@code admin}; other actors (the demo seed) as they are. */
    static String who(String actor) {
        return actor.startsWith("staff:") ? actor.substring("staff:".length()) : actor;
    }
}
