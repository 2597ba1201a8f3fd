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
import ru.gospochta.gateway.internal.SystemLimits;
import ru.gospochta.gateway.internal.callbacks.CallbackEndpoints;
import ru.gospochta.gateway.internal.callbacks.CallbackUrl;
import ru.gospochta.gateway.internal.messages.ApiLimitsProperties;

/** The agency page's content: its systems, each with its own limits, its callback and its keys, newest first. Never a secret. */
@Component
class AgencyPages {

    /** The portal keeps Moscow time, as the other admin pages do. */
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Moscow"));

    private final Agencies agencies;
    private final Credentials credentials;
    private final CallbackEndpoints callbacks;
    private final ApiLimitsProperties defaults;

    AgencyPages(Agencies agencies, Credentials credentials, CallbackEndpoints callbacks, ApiLimitsProperties defaults) {
        this.agencies = agencies;
        this.credentials = credentials;
        this.callbacks = callbacks;
        this.defaults = defaults;
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

    /**
     * A system's own limits as its form shows them: digits, or empty for the default; its callback
     * address and when it was set, or {@code null} without one.
     */
    record SystemLine(UUID id, String name, String addedAt, String requestsPerSecond, String messagesPerDay,
            @Nullable String callbackUrl, @Nullable String callbackSetAt, List<CredentialLine> credentials) {
    }

    /** Fills the model of {@code gateway/agency} and names the template. */
    String agency(UUID id, Model model) {
        Agency agency = agencies.byId(id).orElseThrow(() -> new NotInRegistry("agency " + id));
        Map<UUID, List<Credential>> bySystem = credentials.ofAgency(id).stream()
                .collect(Collectors.groupingBy(Credential::systemId));
        Map<UUID, SystemLimits> limits = agencies.limitsOfSystems(id);
        Map<UUID, CallbackEndpoints.Shown> callbacksOf = callbacks.ofAgency(id);
        List<SystemLine> systems = agencies.systemsOf(id).stream()
                .map(s -> line(s, limits.getOrDefault(s.id(), SystemLimits.DEFAULTS), callbacksOf.get(s.id()),
                        bySystem.getOrDefault(s.id(), List.of())))
                .toList();
        model.addAttribute("agency", agency);
        model.addAttribute("systems", systems);
        model.addAttribute("kinds", CredentialKind.values());
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("maxSystemName", AgencySystem.MAX_NAME);
        model.addAttribute("defaultRequestsPerSecond", defaults.requestsPerSecond());
        model.addAttribute("defaultMessagesPerDay", defaults.messagesPerDay());
        model.addAttribute("maxRequestsPerSecond", SystemLimits.MAX_REQUESTS_PER_SECOND);
        model.addAttribute("maxMessagesPerDay", SystemLimits.MAX_MESSAGES_PER_DAY);
        model.addAttribute("maxCallbackUrl", CallbackUrl.MAX_LENGTH);
        return "gateway/agency";
    }

    private static SystemLine line(AgencySystem system, SystemLimits limits, CallbackEndpoints.@Nullable Shown callback,
            List<Credential> credentials) {
        return new SystemLine(system.id(), system.name(), moment(system.createdAt()), typed(limits.requestsPerSecond()),
                typed(limits.messagesPerDay()), callback == null ? null : callback.url().toString(),
                callback == null ? null : moment(callback.changedAt()), credentials.stream().map(CredentialLine::of).toList());
    }

    private static String typed(@Nullable Number value) {
        return value == null ? "" : value.toString();
    }

    static String moment(Instant instant) {
        return MOMENT.format(instant);
    }

    /** {@code staff:admin} shows as {@code admin}; other actors (the demo seed) as they are. */
    static String who(String actor) {
        return actor.startsWith("staff:") ? actor.substring("staff:".length()) : actor;
    }
}
