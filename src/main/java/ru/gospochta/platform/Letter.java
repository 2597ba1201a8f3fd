package ru.gospochta.platform;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One e-mail to one recipient, with a plain-text body and an optional HTML alternative.
 *
 * @param headers extra headers, e.g. {@code List-Unsubscribe}; the port sets From, Date and Message-ID
 */
public record Letter(String to, String subject, String text, @Nullable String html, Map<String, String> headers) {

    public Letter {
        if (to.isBlank() || subject.isBlank()) {
            throw new IllegalArgumentException("a letter needs a recipient and a subject");
        }
        headers = Map.copyOf(headers);
    }

    public Letter(String to, String subject, String text, @Nullable String html) {
        this(to, subject, text, html, Map.of());
    }
}
