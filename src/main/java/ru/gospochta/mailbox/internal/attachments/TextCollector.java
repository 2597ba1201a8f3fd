package ru.gospochta.mailbox.internal.attachments;

import java.time.Duration;

/**
 * Text read out of one file for search, bounded in size and in time. A reader calls
 * {@link #append} and {@link #checkTime}; once either bound is reached they throw {@link Enough},
 * which the reader lets through so that what was read so far is kept.
 */
final class TextCollector {

    /** Thrown to stop a reader early; unchecked so that no library in between swallows it as an I/O error. */
    static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final int maxChars;
    private final long deadline;
    private boolean pendingSpace;

    TextCollector(int maxChars, Duration timeout) {
        this.maxChars = maxChars;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Adds a piece of text. Characters PostgreSQL cannot store in a text column (NUL) or that
     * are not text at all (other control characters, lone surrogates) become spaces, and runs of
     * white space one space, so a crafted file cannot make the index row fail or balloon.
     */
    void append(CharSequence piece) {
        String string = piece.toString();
        append(string.toCharArray(), 0, string.length());
    }

    /**
     * Adds {@code chars[from, to)} as {@link #append(CharSequence)} does. Ordinary letters are
     * copied a stretch at a time: the PDF reader hands over every line it reads this way.
     */
    void append(char[] chars, int from, int to) {
        checkTime();
        int stretch = from;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (isOrdinary(c)) {
                continue;
            }
            putAll(chars, stretch, i);
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1])) {
                put(c, chars[++i]);
            } else {
                pendingSpace = true;
            }
            stretch = i + 1;
        }
        putAll(chars, stretch, to);
    }

    /**
     * Neither white space, a control character nor half of a surrogate pair. Below U+1680 (the
     * first white space past Latin-1) that is a comparison or two, which is where Latin and
     * Cyrillic letters are.
     */
    private static boolean isOrdinary(char c) {
        if (c < '\u1680') {
            return c > ' ' && (c < '\u007F' || c > '\u00A0');
        }
        return !Character.isSurrogate(c) && !Character.isWhitespace(c);
    }

    /** Marks the end of a word-separating unit (a paragraph, a cell) so that its words do not run together. */
    void separate() {
        pendingSpace = true;
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw new Enough();
        }
    }

    String text() {
        return text.toString();
    }

    /** As much of a stretch of ordinary letters as fits; none of them is half of a pair. */
    private void putAll(char[] chars, int from, int to) {
        if (from >= to) {
            return;
        }
        int fits = Math.min(to - from, room(1));
        text.append(chars, from, fits);
        if (fits < to - from) {
            throw new Enough();
        }
    }

    /** A letter outside the Basic Multilingual Plane goes in whole or not at all. */
    private void put(char high, char low) {
        room(2);
        text.append(high).append(low);
    }

    /** Makes room for at least {@code chars}, the pending space first; returns how many would fit. */
    private int room(int chars) {
        boolean space = pendingSpace && !text.isEmpty();
        if (text.length() + chars + (space ? 1 : 0) > maxChars) {
            throw new Enough();
        }
        if (space) {
            text.append(' ');
        }
        pendingSpace = false;
        return maxChars - text.length();
    }
}
