package ru.gospochta.gateway.internal.messages;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** The agency system an access token was issued to, read from the token's claims. */
@Component
class ApiCallers {

    ApiCaller of(Jwt token) {
        return new ApiCaller(UUID.fromString(token.getClaimAsString("system_id")),
                UUID.fromString(token.getClaimAsString("agency_id")), token.getClaimAsString("agency_name"),
                token.getSubject(), "test".equalsIgnoreCase(token.getClaimAsString("gospochta_env")));
    }
}
