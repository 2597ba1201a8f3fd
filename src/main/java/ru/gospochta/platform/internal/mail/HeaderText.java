package ru.gospochta.platform.internal.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.mail.MessagingException;

/**
 * Header fields written as mail readers expect them: printable ASCII folded at whitespace, and
 * anything else as RFC 2047 encoded-words in UTF-8, each line of them at most 76 characters.
 */
final class HeaderText {

    /** RFC 2047 §2: a line holding encoded-words is at most 76 characters; plain text is folded there too. */
    private static final int FOLD_AT = 76;
    /** RFC 5322 §2.1.1: no line longer, whatever. */
    private static final int HARD_LIMIT = 998;
    /** "=?UTF-8?B?" and "?=". */
    private static final int WORD_OVERHEAD = 12;
    /** Room for the overhead and one code point of the costliest encoding (4 bytes as Q: 12). */
    private static final int SMALLEST_WORD = WORD_OVERHEAD + 12;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private HeaderText() {
    }

    /**
     * Writes {@code name: value} and its CRLF. Line breaks in the value become spaces, as a field
     * is one logical line and a break in it would start a header of the value's choosing.
     *
     * @param unstructured the value is free text (RFC 5322 §3.2.5) such as Subject: text that
     *                     merely looks like an encoded-word ("=?") is encoded too, and a word too
     *                     long for a line is encoded rather than refused
     * @throws MessagingException when a structured value cannot be written within the line limit
     */
    static void write(MimeBytes out, String name, String value, boolean unstructured) throws MessagingException {
        String text = oneLine(value);
        int used = name.length() + 2;
        boolean plain = unstructured ? isPlain(text) : !needsEncoding(text);
        String written = plain ? folded(text, used) : null;
        if (written == null) {
            if (plain && !unstructured) {
                throw new MessagingException("the " + name + " header has a word too long for a line");
            }
            written = encoded(text, used);
        }
        // A value that starts on the next line leaves no blank at the end of the name's.
        out.ascii(name).ascii(written.startsWith("\r\n") ? ":" : ": ").ascii(written).crlf();
    }

    /**
     * Printable ASCII folded before whitespace so that lines keep to 76 characters where a word
     * allows; {@code null} when a word is too long for even the hard limit. Folding inserts only
     * CRLF, so unfolding gives back the text as it was, but for blanks at the end, which are
     * dropped as readers drop them.
     */
    static String folded(String text, int used) {
        int end = text.length();
        while (end > 0 && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder folded = new StringBuilder(end + 8);
        int line = used;
        int i = 0;
        while (i < end) {
            int space = i;
            while (i < end && isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < end && !isWhitespace(text.charAt(i))) {
                i++;
            }
            int length = i - space;
            // Not before the first word: the line would hold only the name.
            if (space > 0 && line + length > FOLD_AT) {
                folded.append("\r\n");
                line = 0;
            }
            folded.append(text, space, i);
            line += length;
            if (line > HARD_LIMIT) {
                return null;
            }
        }
        return folded.toString();
    }

    /**
     * The text as encoded-words in UTF-8, one to a line, Q where that is shorter (mostly ASCII)
     * and B otherwise (Cyrillic). A word ends only between code points, so none holds part of a
     * multi-byte character or half a surrogate pair: readers decode each word on its own.
     */
    static String encoded(String text, int used) {
        boolean q = length(text, true) <= length(text, false);
        StringBuilder encoded = new StringBuilder(text.length() * 3 + 32);
        int room = FOLD_AT - used;
        if (room < SMALLEST_WORD) {
            encoded.append("\r\n ");
            room = FOLD_AT - 1;
        }
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            int qLength = 0;
            while (end < text.length()) {
                int codePoint = text.codePointAt(end);
                int size = utf8Length(codePoint);
                int length = q ? qLength + qLength(codePoint, size) : 4 * ((bytes + size + 2) / 3);
                if (end > start && WORD_OVERHEAD + length > room) {
                    break;
                }
                bytes += size;
                qLength += q ? qLength(codePoint, size) : 0;
                end += Character.charCount(codePoint);
            }
            if (start > 0) {
                // Whitespace between encoded-words is not part of the text (RFC 2047 §6.2).
                encoded.append("\r\n ");
            }
            word(encoded, text.substring(start, end).getBytes(StandardCharsets.UTF_8), q);
            start = end;
            room = FOLD_AT - 1;
        }
        return encoded.toString();
    }

    private static void word(StringBuilder to, byte[] utf8, boolean q) {
        to.append(q ? "=?UTF-8?Q?" : "=?UTF-8?B?");
        if (q) {
            for (byte b : utf8) {
                int c = b & 0xff;
                if (qSafe(c)) {
                    to.append((char) c);
                } else if (c == ' ') {
                    to.append('_');
                } else {
                    to.append('=').append((char) HEX[c >> 4]).append((char) HEX[c & 0xf]);
                }
            }
        } else {
            to.append(Base64.getEncoder().encodeToString(utf8));
        }
        to.append("?=");
    }

    /** The encoded length of the whole text, without the words' overhead; an upper bound for unpaired surrogates. */
    private static int length(String text, boolean q) {
        int bytes = 0;
        int qLength = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(codePoint);
            bytes += size;
            qLength += qLength(codePoint, size);
            i += Character.charCount(codePoint);
        }
        return q ? qLength : 4 * ((bytes + 2) / 3);
    }

    private static int qLength(int codePoint, int utf8Length) {
        return codePoint < 0x80 ? (qSafe(codePoint) || codePoint == ' ' ? 1 : 3) : 3 * utf8Length;
    }

    /** The characters RFC 2047 §5(3) lets stand for themselves in a Q word anywhere it may appear. */
    private static boolean qSafe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /** Line breaks (CRLF, CR or LF) as single spaces. */
    private static String oneLine(String value) {
        if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    /** Text that can stand as it is where encoded-words may appear: printable ASCII not looking like one. */
    static boolean isPlain(String text) {
        return !needsEncoding(text) && !text.contains("=?");
    }

    /** Anything but printable ASCII and tabs: controls, DEL and every non-ASCII character. */
    private static boolean needsEncoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7f || c < 0x20 && c != '\t') {
                return true;
            }
        }
        return false;
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 §3.6.8: printable ASCII but the colon. */
    static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
