package ru.gospochta.identity.internal.factors;

import java.time.Instant;
import java.util.UUID;

/**
 * What a valid "remember this device" cookie says. The caller still compares
 * {@code passwordVersion} with the account's current one: a password change forgets every
 * remembered device.
 */
public record TrustedDevice(UUID account, UUID deviceId, int passwordVersion, Instant expiresAt) {
}
