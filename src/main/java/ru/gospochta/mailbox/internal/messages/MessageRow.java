package ru.gospochta.mailbox.internal.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A message as a line of a folder, the history or search results: metadata only, nothing decrypted. */
public record MessageRow(UUID id, Direction direction, UUID folderId, UUID agencyId, String agencyName, String category,
        String subject, Instant deliveredAt, boolean read, boolean flagged, int attachmentCount, String priority,
        @Nullable LocalDate dueDate) {

    public Cursor cursor() {
        return new Cursor(deliveredAt, id);
    }

    public boolean important() {
        return "high".equals(priority);
    }
}
