package ru.gospochta.mailbox.internal.messages;

import java.util.List;

/** What the history's page shows: the folder list, the agencies its filter offers, and the rows found. */
public record HistoryView(List<Folder> folders, List<Agency> agencies, Page<MessageRow> page) {
}
