package ru.gospochta.platform.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jspecify.annotations.Nullable;

/** A caught letter taken apart for the admin page: headers, text part, HTML part, attachment names. */
record CaughtLetter(int number, @Nullable Instant sentAt, String from, String to, String subject,
        List<HeaderLine> headers, @Nullable String text, @Nullable String html, List<String> attachments) {

    /** One header as sent, its encoded words decoded for reading. */
    record HeaderLine(String name, String value) {
    }

    static CaughtLetter of(int number, MimeMessage message) {
        try {
            Parts parts = new Parts();
            parts.collect(message);
            return new CaughtLetter(number,
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    join(message.getFrom()),
                    join(message.getAllRecipients()),
                    message.getSubject() == null ? "" : message.getSubject(),
                    Collections.list(message.getAllHeaders()).stream()
                            .map(h -> new HeaderLine(h.getName(), decode(h.getValue()))).toList(),
                    parts.text, parts.html, List.copyOf(parts.attachments));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("caught letter " + number + " cannot be read", e);
        }
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException e) {
            return value;
        }
    }

    private static String join(Address @Nullable [] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> all = new ArrayList<>();
        for (Address address : addresses) {
            all.add(decode(address.toString()));
        }
        return String.join(", ", all);
    }

    private static final class Parts {
        @Nullable String text;
        @Nullable String html;
        final List<String> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                attachments.add(part.getFileName() == null ? "(без имени)" : decode(part.getFileName()));
            } else if (part.isMimeType("text/plain") && text == null) {
                text = content(part);
            } else if (part.isMimeType("text/html") && html == null) {
                html = content(part);
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            }
        }

        private static String content(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
