package ru.gospochta.platform;

import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One e-mail to one recipient, with a plain-text body and an optional HTML alternative.
 *
 * @param headers extra headers, e.g. {@code List-Unsubscribe}; the port sets From, Date and Message-ID
 * @param reference the sender's own identifier of this letter (a delivery attempt, a confirmation),
 *                  sent as the Message-ID {@code <reference@sender-domain>} so that a bounce or a
 *                  reply quoting the Message-ID leads back to the record; without one the
 *                  Message-ID is random
 */
public record Letter(String to, String subject, String text, @Nullable String html, Map<String, String> headers,
        @Nullable String reference) {

    /** The characters RFC 5322 allows in the left part of a Message-ID (dot-atom-text). */
    private static final Pattern REFERENCE =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final int REFERENCE_LENGTH = 128;

    public Letter {
        if (to.isBlank() || subject.isBlank()) {
            throw new IllegalArgumentException("a letter needs a recipient and a subject");
        }
        headers = Map.copyOf(headers);
        if (reference != null && (reference.length() > REFERENCE_LENGTH || !REFERENCE.matcher(reference).matches())) {
            throw new IllegalArgumentException("a letter reference is up to " + REFERENCE_LENGTH
                    + " letters, digits and !#$%&'*+/=?^_`{|}~- in dot-separated words: " + reference);
        }
    }

    public Letter(String to, String subject, String text, @Nullable String html, Map<String, String> headers) {
        this(to, subject, text, html, headers, null);
    }

    public Letter(String to, String subject, String text, @Nullable String html) {
        this(to, subject, text, html, Map.of(), null);
    }

    /** The same letter, its Message-ID made from {@code reference}. */
    public Letter withReference(String reference) {
        return new Letter(to, subject, text, html, headers, reference);
    }
}
