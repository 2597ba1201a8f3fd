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
 * @param signingKeyFile a PKCS#8 PEM file with the one RSA key tokens are signed with, shared by
 *        every node of a cluster and rotated outside the application; empty means the key ring of
 *        {@code signingKeysFolder}
 * @param signingKeysFolder the folder of the token signing key ring, one PKCS#8 PEM file per key,
 *        shared by every node of a cluster; empty means {@code <data dir>/keys/token-signing},
 *        with a first key generated at first start
 * @param signingKeyRetention how long a key replaced by a rotation still verifies tokens; at
 *        least the token lifetime, so no token outlives the key it was signed with
 * @param systemLimitsCheckInterval how long the API trusts its last look at a system's own limits;
 *        the node where an administrator changes them forgets at once, other nodes within this
 *        interval; zero looks on every call
 */
@Validated
@ConfigurationProperties("gospochta.gateway")
public record GatewayProperties(
        @DefaultValue("10m") @NotNull Duration tokenLifetime,
        @DefaultValue("5s") @NotNull Duration revocationCheckInterval,
        @Nullable URI issuer,
        @Nullable Path signingKeyFile,
        @Nullable Path signingKeysFolder,
        @DefaultValue("1d") @NotNull Duration signingKeyRetention,
        @DefaultValue("5s") @NotNull Duration systemLimitsCheckInterval) {

    @AssertTrue(message = "gospochta.gateway.token-lifetime must be between 1 minute and 1 hour")
    public boolean isTokenLifetimeSensible() {
        return tokenLifetime.compareTo(Duration.ofMinutes(1)) >= 0 && tokenLifetime.compareTo(Duration.ofHours(1)) <= 0;
    }

    @AssertTrue(message = "gospochta.gateway.revocation-check-interval must be between 0 and 1 minute")
    public boolean isRevocationCheckIntervalSensible() {
        return !revocationCheckInterval.isNegative() && revocationCheckInterval.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "gospochta.gateway.signing-key-file and gospochta.gateway.signing-keys-folder exclude each other: set one of them")
    public boolean isOneSigningKeySource() {
        return signingKeyFile == null || signingKeysFolder == null;
    }

    @AssertTrue(message = "gospochta.gateway.signing-key-retention must be between the token lifetime and 30 days")
    public boolean isSigningKeyRetentionSensible() {
        return signingKeyRetention.compareTo(tokenLifetime) >= 0 && signingKeyRetention.compareTo(Duration.ofDays(30)) <= 0;
    }

    @AssertTrue(message = "gospochta.gateway.system-limits-check-interval must be between 0 and 1 minute")
    public boolean isSystemLimitsCheckIntervalSensible() {
        return !systemLimitsCheckInterval.isNegative() && systemLimitsCheckInterval.compareTo(Duration.ofMinutes(1)) <= 0;
    }
}
