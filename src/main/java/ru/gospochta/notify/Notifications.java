package ru.gospochta.notify;

import java.util.Map;

/**
 * Raises events that concern citizens (NTF-1). Runs in the caller's transaction: when it commits,
 * the event, its cabinet message and its notifications are stored together (the outbox), and the
 * dispatcher takes the notifications from there; when it rolls back, nothing of it stays.
 */
public interface Notifications {

    /**
     * @throws EventRefused when the type is unknown or a variable is missing, unknown or malformed
     */
    EventAccepted raise(NewEvent event);

    /**
     * Plans the notifications that announce messages already delivered into mailboxes, in the
     * caller's transaction and in few statements, as the batch API delivers a thousand at once.
     * The message id is the notifications' event id, so an agency follows them by its message.
     */
    void announce(java.util.List<DeliveredMessage> messages);

    /**
     * Checks an event as an agency system would raise it, without raising it: for calls that must
     * be answered like real ones but reach no citizen (a test credential's).
     *
     * @throws EventRefused with every problem {@link #raise} would find in the type and variables
     */
    void checkAgencyEvent(String type, Map<String, String> variables);
}
