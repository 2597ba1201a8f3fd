package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

/** An agency the citizen has mail from, for the history's filter. */
public record Agency(UUID id, String name) {
}
