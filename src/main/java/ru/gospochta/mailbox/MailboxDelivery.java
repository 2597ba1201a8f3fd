package ru.gospochta.mailbox;

import java.util.List;

/**
 * Puts messages into citizens' mailboxes, encrypted at rest (MBX-9). Runs in the caller's
 * transaction: when the caller commits, the message is in the mailbox; when it rolls back,
 * nothing of it stays (its attachment blobs included, or they are unreachable and swept).
 */
public interface MailboxDelivery {

    /** Delivers one message; {@link MessageDelivered} is published. */
    void deliver(NewMessage message);

    /** Delivers many at once (batched writes, for the batch API and bulk ingest). */
    void deliverAll(List<NewMessage> messages);
}
