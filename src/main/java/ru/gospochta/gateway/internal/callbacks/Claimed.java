package ru.gospochta.gateway.internal.callbacks;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A callback a worker claimed for one attempt, with its system's address and sealed secret as they
 * are now; both are {@code null} when the system's callback was removed meanwhile.
 *
 * @param attempt the number of this attempt, from 1
 */
record Claimed(UUID id, UUID systemId, String payload, int attempt, Instant createdAt, @Nullable URI url,
        byte @Nullable [] sealedSecret) {
}
