package ru.gospochta.notify;

import java.util.List;
import java.util.UUID;

/**
 * What became of an event when it was raised: its cabinet message, and a notification per channel
 * the citizen's preferences asked for (sent, waiting for quiet hours to end, or for a digest).
 */
public record EventAccepted(UUID eventId, UUID messageId, List<Planned> notifications) {

    public record Planned(UUID notificationId, Channel channel, String status) {
    }
}
