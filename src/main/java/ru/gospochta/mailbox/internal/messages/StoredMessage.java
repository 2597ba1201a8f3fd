package ru.gospochta.mailbox.internal.messages;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A message as stored: its row of metadata and its body still sealed. */
record StoredMessage(MessageRow row, byte[] sealedText, byte @Nullable [] sealedHtml, @Nullable String applicationRef,
        String registrationNumber, Instant sentAt, @Nullable Instant readAt, @Nullable Instant firstOpenedAt,
        int keyVersion) {
}
