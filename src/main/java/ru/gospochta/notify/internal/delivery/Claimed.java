package ru.gospochta.notify.internal.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ru.gospochta.notify.Channel;

/**
 * A notification a worker has claimed, with what writing it needs. For a digest, {@code eventType}
 * and the rest of the event are empty: its events are read by the composer.
 */
record Claimed(UUID id, UUID account, Channel channel, String kind, int attempts, Instant createdAt,
        @Nullable UUID eventId, @Nullable String eventType, @Nullable String category, boolean mandatory,
        Map<String, String> variables, @Nullable UUID messageId, @Nullable String senderName,
        @Nullable UUID systemId) {

    boolean digest() {
        return "DIGEST".equals(kind);
    }
}
