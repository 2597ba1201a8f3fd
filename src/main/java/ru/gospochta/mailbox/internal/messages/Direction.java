package ru.gospochta.mailbox.internal.messages;

/** Mail the citizen received from an agency, or sent to one (appeals, later). */
public enum Direction {
    INCOMING, OUTGOING
}
