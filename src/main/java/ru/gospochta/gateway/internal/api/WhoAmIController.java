package ru.gospochta.gateway.internal.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import ru.gospochta.gateway.internal.Credentials;
import ru.gospochta.gateway.internal.OwnedCredential;

/**
 * {@code GET /api/v1/whoami}: whom the token speaks for — the agency, the system, the kind of
 * credential and the scopes granted. A first call for an integrator to check a token with.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class WhoAmIController {

    private final Credentials credentials;

    WhoAmIController(Credentials credentials) {
        this.credentials = credentials;
    }

    record WhoAmI(String clientId, AgencyInfo agency, SystemInfo system, String kind, List<String> scopes,
            @Nullable Instant expiresAt) {
    }

    record AgencyInfo(UUID id, String name, String shortName, String ogrn, String inn) {
    }

    record SystemInfo(UUID id, String name) {
    }

    @GetMapping("/whoami")
    WhoAmI whoami(@AuthenticationPrincipal Jwt token) {
        OwnedCredential owned = credentials.owned(token.getSubject())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var agency = owned.agency();
        List<String> scopes = token.getClaimAsStringList("scope");
        return new WhoAmI(owned.credential().clientId(),
                new AgencyInfo(agency.id(), agency.name(), agency.shortName(), agency.ogrn(), agency.inn()),
                new SystemInfo(owned.system().id(), owned.system().name()),
                kindOf(token, owned),
                scopes == null ? List.of() : scopes.stream().sorted().toList(),
                token.getExpiresAt());
    }

    /** As the token carries it, since that is what routing to the sandbox will read. */
    private static String kindOf(Jwt token, OwnedCredential owned) {
        String claimed = token.getClaimAsString("gospochta_env");
        return claimed != null ? claimed : owned.credential().kind().claim();
    }
}
