package ru.gospochta.mailbox.internal.messages;

import java.util.List;

/** What a folder's page shows: every folder of the mailbox with its unread count, the open one, and its rows. */
public record FolderView(List<Folder> folders, Folder folder, Page<MessageRow> page) {
}
