package ru.gospochta.mailbox.internal.messages;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message opened by its owner (MBX-1): the metadata, the body's text, whether it has an HTML
 * body (served on its own, sandboxed), the files, and the times that make the delivery evidence.
 */
public record OpenedMessage(MessageRow row, Folder folder, String bodyText, boolean hasHtml,
        @Nullable String applicationRef, String registrationNumber, Instant sentAt, @Nullable Instant readAt,
        Instant firstOpenedAt, List<AttachmentInfo> attachments) {
}
