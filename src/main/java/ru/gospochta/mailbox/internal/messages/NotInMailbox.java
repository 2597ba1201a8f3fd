package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

/**
 * No message, folder or file with this id in this citizen's mailbox. Another citizen's ids get the
 * same answer, so nobody learns that they exist.
 */
public final class NotInMailbox extends RuntimeException {

    public NotInMailbox(String what, UUID id) {
        super("no " + what + " " + id + " in this mailbox");
    }
}
