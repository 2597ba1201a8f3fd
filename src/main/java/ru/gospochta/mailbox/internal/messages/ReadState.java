package ru.gospochta.mailbox.internal.messages;

/** The read-state filter of the history. */
public enum ReadState {
    READ, UNREAD
}
