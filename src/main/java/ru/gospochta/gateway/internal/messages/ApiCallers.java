package ru.gospochta.gateway.internal.messages;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import ru.gospochta.gateway.CredentialKind;
import ru.gospochta.gateway.internal.Agencies;
import ru.gospochta.gateway.internal.Agency;

/**
 * The agency system an access token was issued to: the ids from the token's claims, the agency's
 * name from the registry (it may have been renamed since the token was issued).
 */
@Component
class ApiCallers {

    private final Agencies agencies;

    ApiCallers(Agencies agencies) {
        this.agencies = agencies;
    }

    /** The system alone, straight from the token: all the rate limit needs, with no registry lookup. */
    static UUID systemOf(Jwt token) {
        return UUID.fromString(token.getClaimAsString("system_id"));
    }

    ApiCaller of(Jwt token) {
        UUID agencyId = UUID.fromString(token.getClaimAsString("agency_id"));
        String name = agencies.byId(agencyId).map(Agency::name).orElse("");
        return new ApiCaller(systemOf(token), agencyId, name, token.getSubject(),
                CredentialKind.TEST.claim().equals(token.getClaimAsString("gospochta_env")));
    }
}
