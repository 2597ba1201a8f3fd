package ru.gospochta.platform.internal.mail;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * The "relaxed" canonical forms of RFC 6376 §3.4.2 and §3.4.4: what a verifier hashes after
 * whitespace changes and re-folding in transit, so the signer must hash exactly the same.
 * Every letter sent passes through here, so the body side works on plain arrays in one pass.
 */
final class RelaxedCanonicalization {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HT = '\t';

    private RelaxedCanonicalization() {
    }

    /**
     * One header field, given as written (name, colon, value with its folding CRLFs, no final CRLF):
     * name in lower case, value unfolded, runs of whitespace made one space, none around the colon
     * or at the end; followed by CRLF.
     */
    static String header(String field) {
        StringBuilder canonical = new StringBuilder(field.length() + 2);
        header(field, canonical);
        return canonical.toString();
    }

    /** {@link #header(String)} appended to {@code into}, so a whole header section needs one builder. */
    static void header(String field, StringBuilder into) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a header field: " + field);
        }
        int from = 0;
        int to = colon;
        while (from < to && isWhitespace(field.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(field.charAt(to - 1))) {
            to--;
        }
        into.append(field.substring(from, to).toLowerCase(Locale.ROOT)).append(':');
        int valueStart = into.length();
        boolean inWhitespace = false;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (isWhitespace(c)) {
                inWhitespace = true;
            } else {
                // Whitespace before the first character of the value is dropped, not made a space.
                if (inWhitespace && into.length() > valueStart) {
                    into.append(' ');
                }
                inWhitespace = false;
                into.append(c);
            }
        }
        into.append("\r\n");
    }

    /** The canonical body from {@code start} (see {@link #canonicalBody}) as an array of its own. */
    static byte[] body(byte[] message, int start) {
        byte[] canonical = new byte[maxBodyLength(message, start)];
        return Arrays.copyOf(canonical, canonicalBody(message, start, canonical));
    }

    /** Feeds the canonical body from {@code start} to {@code digest} and returns the hash. */
    static byte[] bodyHash(byte[] message, int start, MessageDigest digest) {
        byte[] canonical = new byte[maxBodyLength(message, start)];
        digest.update(canonical, 0, canonicalBody(message, start, canonical));
        return digest.digest();
    }

    /**
     * Nothing grows but the final CRLF a body without one gets: a run of whitespace becomes at most
     * one space, a line end stays two bytes.
     */
    private static int maxBodyLength(byte[] message, int start) {
        return message.length - start + 2;
    }

    /**
     * Writes the body from {@code start} into {@code into}, which must hold
     * {@link #maxBodyLength}: lines end at CRLF only (the message must already be in
     * {@link #crlfLines} form), runs of whitespace become one space, none at line ends, no empty
     * lines at the end, and a final CRLF when anything is left.
     *
     * @return the length written
     */
    private static int canonicalBody(byte[] message, int start, byte[] into) {
        int length = 0;
        // Empty lines are written as they come and cut off at the end unless a line with content
        // follows: then no count of them has to be kept, and the last ones cost nothing extra.
        int kept = 0;
        boolean lineHasContent = false;
        boolean inWhitespace = false;
        int last = message.length - 1;
        for (int i = start; i <= last; i++) {
            byte b = message[i];
            if (b == CR && i < last && message[i + 1] == LF) {
                into[length++] = CR;
                into[length++] = LF;
                if (lineHasContent) {
                    kept = length;
                }
                lineHasContent = false;
                inWhitespace = false;
                i++;
            } else if (b == SP || b == HT) {
                inWhitespace = true;
            } else {
                if (inWhitespace) {
                    into[length++] = SP;
                    inWhitespace = false;
                }
                into[length++] = b;
                lineHasContent = true;
            }
        }
        if (lineHasContent) {
            into[length++] = CR;
            into[length++] = LF;
            kept = length;
        }
        return kept;
    }

    /**
     * Every line ending as CRLF, as the SMTP client puts it on the wire (a bare CR or LF becomes
     * CRLF), ending with CRLF; so what is signed is byte for byte what is transmitted. Jakarta
     * Mail already writes CRLF, so the usual answer is the given array itself, not a copy.
     */
    static byte[] crlfLines(byte[] message) {
        int added = 0;
        int length = message.length;
        for (int i = 0; i < length; i++) {
            byte b = message[i];
            if (b == CR) {
                if (i + 1 < length && message[i + 1] == LF) {
                    i++;
                } else {
                    added++;
                }
            } else if (b == LF) {
                added++;
            }
        }
        // A bare CR or LF at the end already became the final CRLF, counted above.
        boolean endsLine = length > 0 && (message[length - 1] == LF || message[length - 1] == CR);
        if (!endsLine) {
            added += 2;
        }
        if (added == 0) {
            return message;
        }
        byte[] normalized = new byte[length + added];
        int n = 0;
        for (int i = 0; i < length; i++) {
            byte b = message[i];
            if (b == CR || b == LF) {
                normalized[n++] = CR;
                normalized[n++] = LF;
                if (b == CR && i + 1 < length && message[i + 1] == LF) {
                    i++;
                }
            } else {
                normalized[n++] = b;
            }
        }
        if (!endsLine) {
            normalized[n++] = CR;
            normalized[n++] = LF;
        }
        return normalized;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
