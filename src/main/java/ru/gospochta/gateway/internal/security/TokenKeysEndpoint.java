package ru.gospochta.gateway.internal.security;

import java.security.Principal;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/tokenkeys} for administrators (the actuator answers no one else): GET lists the
 * token signing keys in force with when each was made and until when a replaced one verifies;
 * POST rotates, or answers 409 when the key is a configured file rotated outside the application.
 */
@Component
@WebEndpoint(id = "tokenkeys")
class TokenKeysEndpoint {

    private final TokenKeyRing ring;

    TokenKeysEndpoint(TokenKeyRing ring) {
        this.ring = ring;
    }

    @ReadOperation
    public TokenKeyRing.Status status() {
        return ring.status();
    }

    @WriteOperation
    public WebEndpointResponse<Object> rotate(SecurityContext security) {
        Principal who = security.getPrincipal();
        try {
            return new WebEndpointResponse<>(ring.rotate("staff:" + (who == null ? "(unknown)" : who.getName())));
        } catch (TokenKeyRing.RotationManagedOutside outside) {
            return new WebEndpointResponse<>(Map.of("error", "managed-outside", "message", outside.getMessage()),
                    HttpStatus.CONFLICT.value());
        }
    }
}
