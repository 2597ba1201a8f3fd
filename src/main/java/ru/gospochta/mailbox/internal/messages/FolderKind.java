package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The system folders every mailbox has (MBX-1), shared rows with fixed ids, and the citizen's own.
 * Their names are shown from the message bundle in the page's language.
 */
public enum FolderKind {
    INBOX("00000000-0000-0000-0000-000000000001"),
    ARCHIVE("00000000-0000-0000-0000-000000000002"),
    SUSPICIOUS("00000000-0000-0000-0000-000000000003"),
    OWN(null);

    private final @Nullable UUID id;

    FolderKind(@Nullable String id) {
        this.id = id == null ? null : UUID.fromString(id);
    }

    /** The fixed id of a system folder. */
    public UUID id() {
        if (id == null) {
            throw new IllegalStateException("a citizen's own folder has an id of its own");
        }
        return id;
    }
}
