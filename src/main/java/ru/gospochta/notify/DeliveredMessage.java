package ru.gospochta.notify;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message an agency put into a citizen's mailbox, to be announced by the channels the citizen
 * chose for its category (NTF-1): the message itself is already in the cabinet.
 *
 * @param category the message's NTF-1 category code, e.g. {@code application-status}
 * @param systemId the agency system that sent it (its status query and callbacks follow the notifications)
 */
public record DeliveredMessage(UUID messageId, UUID account, String category, String subject, String senderName,
        @Nullable UUID systemId) {
}
