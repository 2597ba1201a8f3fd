package ru.gospochta.notify;

import java.util.List;

/**
 * Notifications of agencies' events reached new statuses, all recorded in one transaction: one
 * event for a dispatcher's whole batch rather than one a notification, so following them costs
 * the event publication registry a row a batch.
 */
public record NotificationStatusesChanged(List<NotificationStatusChanged> changes) {

    public NotificationStatusesChanged {
        changes = List.copyOf(changes);
    }
}
