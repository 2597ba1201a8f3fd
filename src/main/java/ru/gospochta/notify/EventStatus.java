package ru.gospochta.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event as its sender may follow it (GW-3): its cabinet message, which reached the citizen
 * when the event was raised, and each notification with what the last attempt gave.
 */
public record EventStatus(UUID eventId, UUID messageId, String type, Instant createdAt, List<Notification> notifications) {

    public EventStatus {
        notifications = List.copyOf(notifications);
    }

    /**
     * One channel's notification. Folded into a digest letter, it reports that letter's fate.
     *
     * @param status as the outbox says: {@code created}, {@code sending}, {@code delivered},
     *     {@code temporary-failure}, {@code permanent-failure}, {@code technical-failure},
     *     {@code waiting-digest} or {@code skipped}
     * @param attempts how many times delivery was tried
     * @param provider who took the last attempt, if one was made
     * @param errorCode why the last attempt failed, if it did
     * @param digest whether it went out inside a digest letter
     */
    public record Notification(UUID notificationId, Channel channel, String status, int attempts,
            @Nullable String provider, @Nullable String errorCode, Instant updatedAt, @Nullable Instant deliveredAt,
            boolean digest) {
    }
}
