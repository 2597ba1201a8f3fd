package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

/**
 * A folder as its owner sees it, with the number of unread messages in it.
 *
 * @param name the citizen's name for an own folder; for a system folder only a reference, the page
 *        shows the bundle's name for {@code kind}
 */
public record Folder(UUID id, FolderKind kind, String name, long unread) {

    public boolean own() {
        return kind == FolderKind.OWN;
    }
}
