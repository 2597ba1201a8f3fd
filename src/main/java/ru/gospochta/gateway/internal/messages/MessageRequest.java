package ru.gospochta.gateway.internal.messages;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.Recipients;
import ru.gospochta.mailbox.IncomingFile;

/**
 * One message as an agency sent it, after the schema checks: every field well-formed, nothing yet
 * looked up (the recipient, the attachments' content).
 */
record MessageRequest(Recipients.Key recipient, String category, String subject, @Nullable String bodyText,
        @Nullable String bodyHtml, @Nullable String applicationRef, @Nullable LocalDate dueDate, String priority,
        List<IncomingFile> attachments) {
}
