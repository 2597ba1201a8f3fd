package ru.gospochta.mailbox;

import java.time.Instant;
import java.util.UUID;

/** A message was put into the citizen's mailbox (MBX-1); its sender's status becomes «delivered». */
public record MessageDelivered(UUID messageId, UUID account, Instant at) {
}
