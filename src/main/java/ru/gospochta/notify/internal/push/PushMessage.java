package ru.gospochta.notify.internal.push;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a browser shows: a title, a short text and the page of this site a click opens; and how the
 * push service treats it (RFC 8030 §5): how urgent it is, how long to keep it for a browser that is
 * offline, and a topic under which a newer message replaces an undelivered older one.
 *
 * @param url a path of this site, e.g. {@code /cabinet/mailbox/messages/…}: the browser opens
 *        nothing outside it
 * @param ttl how long the push service keeps the message; zero: deliver now or never
 * @param topic up to 32 characters of the base64url alphabet, or null; the browser also shows only
 *        the latest notification of a topic
 */
public record PushMessage(String title, String body, String url, Urgency urgency, Duration ttl, @Nullable String topic) {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 1000;
    static final int MAX_URL = 1000;
    /** Push services keep messages four weeks at most. */
    static final Duration MAX_TTL = Duration.ofDays(28);
    private static final Pattern PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e&&[^\"\\\\]]*");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** How soon the browser should be woken for the message; a phone saves its battery on the low ones. */
    public enum Urgency {
        VERY_LOW, LOW, NORMAL, HIGH;

        /** The value of the {@code Urgency} header. */
        public String header() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public PushMessage {
        if (title.isBlank() || title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("a push title has 1 to " + MAX_TITLE + " characters");
        }
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("a push text has at most " + MAX_BODY + " characters");
        }
        if (url.length() > MAX_URL || !PATH.matcher(url).matches()) {
            throw new IllegalArgumentException("a push message opens a path of this site, not " + url);
        }
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a push message lives 0 to 28 days");
        }
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("a push topic has 1 to 32 characters of the base64url alphabet");
        }
    }

    /** A message of normal urgency, kept a day for an offline browser, without a topic. */
    public static PushMessage of(String title, String body, String url) {
        return new PushMessage(title, body, url, Urgency.NORMAL, Duration.ofDays(1), null);
    }
}
