package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

/** A file of a message as lists show it: its name, type and size, never its content. */
public record AttachmentInfo(UUID id, UUID messageId, String fileName, String mediaType, long size) {
}
