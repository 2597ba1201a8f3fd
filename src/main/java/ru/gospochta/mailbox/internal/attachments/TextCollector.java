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
        checkTime();
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < piece.length() && Character.isLowSurrogate(piece.charAt(i + 1))) {
                put(c, piece.charAt(++i));
            } else if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSurrogate(c)
                    || c == '\u00A0') {
                pendingSpace = true;
            } else {
                put(c);
            }
        }
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

    private void put(char c) {
        room(1);
        text.append(c);
    }

    /** A letter outside the Basic Multilingual Plane goes in whole or not at all. */
    private void put(char high, char low) {
        room(2);
        text.append(high).append(low);
    }

    private void room(int chars) {
        boolean space = pendingSpace && !text.isEmpty();
        if (text.length() + chars + (space ? 1 : 0) > maxChars) {
            throw new Enough();
        }
        if (space) {
            text.append(' ');
        }
        pendingSpace = false;
    }
}
