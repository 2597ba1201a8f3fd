package ru.gospochta.mailbox.internal.attachments;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The bytes of PDF string and name tokens, decoded only for the operators that use them. */
final class PdfStrings {

    /** Each byte's value as a hex digit, −1 for what is not one: hex strings are most of a Type 0 font's page. */
    private static final byte[] HEX_DIGITS = hexDigits();

    private PdfStrings() {
    }

    /** A name token after its slash, #xx escapes decoded; UTF-8 when it is, Latin-1 otherwise. */
    static String name(byte[] in, int from, int stop) {
        byte[] bytes = new byte[stop - from];
        int n = 0;
        for (int i = from; i < stop; i++) {
            if (in[i] == '#' && i + 2 < stop && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                bytes[n++] = (byte) (hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                bytes[n++] = in[i];
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** A literal string between its parentheses, escapes undone; returns the bytes written. */
    static int unescape(byte[] in, int from, int stop, byte[] out) {
        if (stop > from && in[stop - 1] == ')') {
            stop--;
        }
        int n = 0;
        for (int i = from; i < stop; i++) {
            byte b = in[i];
            if (b != '\\' || i + 1 >= stop) {
                out[n++] = b;
                continue;
            }
            byte e = in[++i];
            switch (e) {
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case '\r' -> {
                    // A backslash at the end of a line continues the string on the next one.
                    if (i + 1 < stop && in[i + 1] == '\n') {
                        i++;
                    }
                }
                case '\n' -> {
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int digits = 1; digits < 3 && i + 1 < stop && in[i + 1] >= '0' && in[i + 1] <= '7'; digits++) {
                            value = value * 8 + in[++i] - '0';
                        }
                        out[n++] = (byte) value;
                    } else {
                        out[n++] = e;
                    }
                }
            }
        }
        return n;
    }

    /** A hex string up to its closing bracket, white space and stray characters ignored; returns the bytes written. */
    static int unhex(byte[] in, int from, int stop, byte[] out) {
        int n = 0;
        int high = -1;
        for (int i = from; i < stop; i++) {
            int digit = hex(in[i]);
            if (digit < 0) {
                continue;
            }
            if (high < 0) {
                high = digit;
            } else {
                out[n++] = (byte) (high << 4 | digit);
                high = -1;
            }
        }
        if (high >= 0) {
            // An odd last digit is followed by an implied zero.
            out[n++] = (byte) (high << 4);
        }
        return n;
    }

    private static int hex(byte b) {
        return HEX_DIGITS[b & 0xFF];
    }

    private static byte[] hexDigits() {
        byte[] digits = new byte[256];
        Arrays.fill(digits, (byte) -1);
        for (int i = 0; i < 16; i++) {
            digits["0123456789abcdef".charAt(i)] = (byte) i;
            digits["0123456789ABCDEF".charAt(i)] = (byte) i;
        }
        return digits;
    }
}
