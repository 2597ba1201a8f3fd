package ru.gospochta.gateway.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the agency gateway.
 *
 * @param tokenLifetime how long an access token lives; short, because a revoked credential's
 *        tokens are refused only through the revocation check below
 * @param revocationCheckInterval how long the API trusts its last look at whether a credential is
 *        revoked; the node that revokes forgets at once, other nodes within this interval; zero
 *        looks on every call
 * @param issuer the {@code iss} of the tokens; empty means {@code gospochta.public-url}
 * @param signingKeyFile a PKCS#8 PEM file with the RSA key tokens are signed with, shared by every
 *        node of a cluster; empty means {@code <data dir>/keys/gateway-token-signing.pem},
 *        generated at first start
 */
@Validated
@ConfigurationProperties("gospochta.gateway")
public record GatewayProperties(
        @DefaultValue("10m") @NotNull Duration tokenLifetime,
        @DefaultValue("5s") @NotNull Duration revocationCheckInterval,
        @Nullable URI issuer,
        @Nullable Path signingKeyFile) {

    @AssertTrue(message = "gospochta.gateway.token-lifetime must be between 1 minute and 1 hour")
    public boolean isTokenLifetimeSensible() {
        return tokenLifetime.compareTo(Duration.ofMinutes(1)) >= 0 && tokenLifetime.compareTo(Duration.ofHours(1)) <= 0;
    }

    @AssertTrue(message = "gospochta.gateway.revocation-check-interval must be between 0 and 1 minute")
    public boolean isRevocationCheckIntervalSensible() {
        return !revocationCheckInterval.isNegative() && revocationCheckInterval.compareTo(Duration.ofMinutes(1)) <= 0;
    }
}
