package ru.gospochta.mailbox.internal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import ru.gospochta.mailbox.internal.MailboxProperties;

/**
 * How the mailbox pages write times, sizes and file types; templates call it as
 * {@code @mailboxFormat}. Times are shown in the portal's zone.
 */
@Component("mailboxFormat")
class MailboxFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final Map<String, String> TYPES = Map.of(
            "application/pdf", "PDF",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX",
            "image/jpeg", "JPG",
            "image/png", "PNG",
            "application/xml", "XML",
            "text/xml", "XML");

    private final ZoneId zone;
    private final MessageSource messages;

    MailboxFormat(MailboxProperties properties, MessageSource messages) {
        this.zone = properties.timeZone();
        this.messages = messages;
    }

    public String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    public String date(LocalDate day) {
        return DATE.format(day);
    }

    /** The short name people know a file type by (PDF, DOCX…), else the media type itself. */
    public String type(String mediaType) {
        return TYPES.getOrDefault(mediaType, mediaType);
    }

    /** «12 КБ», «1,4 МБ» — in the page's language. */
    public String size(long bytes, Locale locale) {
        if (bytes < 1024) {
            return messages.getMessage("mailbox.size.bytes", new Object[] {bytes}, locale);
        }
        if (bytes < 1024 * 1024) {
            return messages.getMessage("mailbox.size.kb", new Object[] {Math.ceilDiv(bytes, 1024)}, locale);
        }
        String megabytes = String.format(locale, "%.1f", bytes / (1024.0 * 1024.0));
        return messages.getMessage("mailbox.size.mb", new Object[] {megabytes}, locale);
    }
}
