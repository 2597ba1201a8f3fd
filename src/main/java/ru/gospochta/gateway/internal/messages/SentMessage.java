package ru.gospochta.gateway.internal.messages;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the sender may know of a message it sent (GW-3): its numbers, where it stands and when each
 * step happened. Never the content, and the recipient only masked.
 */
record SentMessage(UUID id, UUID systemId, String registrationNumber, boolean sandbox, String recipientMasked,
        String status, @Nullable String reason, Instant acceptedAt, @Nullable Instant deliveredAt,
        @Nullable Instant readAt, @Nullable Instant undeliverableAt) {

    /** When the message reached its present status. */
    Instant statusAt() {
        return switch (status) {
            case "delivered" -> deliveredAt;
            case "read" -> readAt;
            case "undeliverable" -> undeliverableAt;
            default -> acceptedAt;
        };
    }
}
