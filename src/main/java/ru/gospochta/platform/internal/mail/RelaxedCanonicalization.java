package ru.gospochta.platform.internal.mail;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The "relaxed" canonical forms of RFC 6376 §3.4.2 and §3.4.4: what a verifier hashes after
 * whitespace changes and re-folding in transit, so the signer must hash exactly the same.
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
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a header field: " + field);
        }
        String name = trimWhitespace(field.substring(0, colon)).toLowerCase(Locale.ROOT);
        StringBuilder value = new StringBuilder(field.length() - colon);
        boolean inWhitespace = false;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == ' ' || c == '\t') {
                inWhitespace = true;
            } else {
                if (inWhitespace && !value.isEmpty()) {
                    value.append(' ');
                }
                inWhitespace = false;
                value.append(c);
            }
        }
        return name + ":" + value + "\r\n";
    }

    /**
     * The body from {@code start}, which must already have CRLF line endings: whitespace runs made
     * one space, none at line ends, no empty lines at the end, and a final CRLF when not empty.
     */
    static byte[] body(byte[] message, int start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, message.length - start));
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int emptyLines = 0;
        int i = start;
        while (i < message.length) {
            int end = lineEnd(message, i);
            line.reset();
            boolean inWhitespace = false;
            for (int j = i; j < end; j++) {
                byte b = message[j];
                if (b == SP || b == HT) {
                    inWhitespace = true;
                } else {
                    if (inWhitespace) {
                        line.write(SP);
                    }
                    inWhitespace = false;
                    line.write(b);
                }
            }
            if (line.size() == 0) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    out.write(CR);
                    out.write(LF);
                }
                out.write(line.toByteArray(), 0, line.size());
                out.write(CR);
                out.write(LF);
            }
            i = end + 2;
        }
        return out.toByteArray();
    }

    /** Index of the CRLF ending the line that starts at {@code from}, or the end of the message. */
    private static int lineEnd(byte[] message, int from) {
        for (int i = from; i + 1 < message.length; i++) {
            if (message[i] == CR && message[i + 1] == LF) {
                return i;
            }
        }
        return message.length;
    }

    /**
     * Every line ending as CRLF, as the SMTP client puts it on the wire (a bare CR or LF becomes
     * CRLF), ending with CRLF; so what is signed is byte for byte what is transmitted.
     */
    static byte[] crlfLines(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 32 + 2);
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == CR) {
                out.write(CR);
                out.write(LF);
                if (i + 1 < message.length && message[i + 1] == LF) {
                    i++;
                }
            } else if (b == LF) {
                out.write(CR);
                out.write(LF);
            } else {
                out.write(b);
            }
        }
        byte[] normalized = out.toByteArray();
        if (normalized.length >= 2 && normalized[normalized.length - 2] == CR && normalized[normalized.length - 1] == LF) {
            return normalized;
        }
        out.write(CR);
        out.write(LF);
        return out.toByteArray();
    }

    private static String trimWhitespace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }
}
