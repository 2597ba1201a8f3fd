package ru.gospochta.mailbox.internal.messages;

import java.time.Instant;

/** A line of «Мои документы» (MBX-4): a received file with the date, the sender and the message it came with. */
public record DocumentRow(AttachmentInfo file, Instant deliveredAt, String agencyName, String subject) {

    public Cursor cursor() {
        return new Cursor(deliveredAt, file.id());
    }
}
