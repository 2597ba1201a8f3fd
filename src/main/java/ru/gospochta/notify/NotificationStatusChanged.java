package ru.gospochta.notify;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A notification of an agency's event reached a new status (NTF-5): delivered, a temporary,
 * permanent or technical failure, or skipped. The gateway follows it to call the agency back (GW-3);
 * it travels in a {@link NotificationStatusesChanged} with the rest of its batch.
 *
 * @param systemId the agency system that raised the event
 * @param errorCode the provider's reason on a failure, e.g. {@code smtp-550}
 */
public record NotificationStatusChanged(UUID notificationId, UUID eventId, UUID systemId, Channel channel, String status,
        @Nullable String errorCode, Instant at) {
}
