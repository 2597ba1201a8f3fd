package ru.gospochta.mailbox.internal.messages;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Which messages of a mailbox a list shows (MBX-2): one folder, or the history filtered by period
 * (days in the portal's zone, both ends included), direction, read state, category, agency, and
 * words to search for with Russian morphology. Every part is optional.
 */
public record MessageFilter(@Nullable UUID folder, @Nullable LocalDate from, @Nullable LocalDate to,
        @Nullable Direction direction, @Nullable ReadState state, @Nullable String category, @Nullable UUID agency,
        @Nullable String query) {

    /** Search words beyond this length are cut; nobody types more, and the parser need not read more. */
    public static final int MAX_QUERY = 200;

    public MessageFilter {
        if (query != null) {
            query = query.strip();
            query = query.isEmpty() ? null : query.substring(0, Math.min(query.length(), MAX_QUERY));
        }
        if (category != null && category.isBlank()) {
            category = null;
        }
    }

    public static MessageFilter inFolder(UUID folder) {
        return new MessageFilter(folder, null, null, null, null, null, null, null);
    }

    public static MessageFilter everything() {
        return new MessageFilter(null, null, null, null, null, null, null, null);
    }
}
