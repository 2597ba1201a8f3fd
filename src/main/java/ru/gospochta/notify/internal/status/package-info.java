/** What the outbox says of each event's notifications, read for the agencies that raised them. */
@NullMarked
package ru.gospochta.notify.internal.status;

import org.jspecify.annotations.NullMarked;
