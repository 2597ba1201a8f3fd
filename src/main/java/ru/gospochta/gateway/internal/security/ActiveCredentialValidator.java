package ru.gospochta.gateway.internal.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import ru.gospochta.gateway.internal.ActiveCredentials;

/** Refuses a token, valid in every other way, whose credential has been revoked since it was issued. */
class ActiveCredentialValidator implements OAuth2TokenValidator<Jwt> {

    static final String REVOKED = "The credential this token was issued to has been revoked";

    private final ActiveCredentials active;

    ActiveCredentialValidator(ActiveCredentials active) {
        this.active = active;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String clientId = token.getSubject();
        if (clientId != null && active.active(clientId)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, REVOKED, null));
    }
}
