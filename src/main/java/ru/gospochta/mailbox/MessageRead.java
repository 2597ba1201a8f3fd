package ru.gospochta.mailbox;

import java.time.Instant;
import java.util.UUID;

/** The citizen opened a message for the first time; its sender's status becomes «read». */
public record MessageRead(UUID messageId, UUID account, Instant at) {
}
