package ru.gospochta.notify;

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
}
