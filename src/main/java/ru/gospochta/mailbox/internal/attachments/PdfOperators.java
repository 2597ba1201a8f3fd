package ru.gospochta.mailbox.internal.attachments;

import java.util.Arrays;

/**
 * A PDF content stream read as operators and their operands, for the text reader only. Operands
 * are left as positions in the stream and decoded only when an operator asks for them, so the
 * drawing that fills most pages (paths, colours, images) costs one pass over its bytes and
 * nothing more. PDFBox's own parser makes an object of every number and name instead, and that
 * alone cost more than reading the text does here.
 */
final class PdfOperators {

    static final int END = -1;
    /** An operator that is none of the short ones below; its operands are dropped like the others. */
    static final int OTHER = 0;
    // An operator of up to three bytes is those bytes packed into an int, first byte lowest, so
    // that the reader can switch on it without making a string of every operator.
    static final int BT = 'B' | 'T' << 8;
    static final int TF = 'T' | 'f' << 8;
    static final int TJ_ONE = 'T' | 'j' << 8;
    static final int TJ_MANY = 'T' | 'J' << 8;
    static final int QUOTE = '\'';
    static final int DOUBLE_QUOTE = '"';
    static final int TD = 'T' | 'd' << 8;
    static final int TD_LEADING = 'T' | 'D' << 8;
    static final int T_STAR = 'T' | '*' << 8;
    static final int TM = 'T' | 'm' << 8;
    static final int TC = 'T' | 'c' << 8;
    static final int TW = 'T' | 'w' << 8;
    static final int TZ = 'T' | 'z' << 8;
    static final int TL = 'T' | 'L' << 8;
    static final int SAVE = 'q';
    static final int RESTORE = 'Q';
    static final int CM = 'c' | 'm' << 8;
    static final int DO = 'D' | 'o' << 8;

    static final int NUMBER = 1;
    static final int NAME = 2;
    static final int STRING = 3;
    static final int HEX_STRING = 4;
    /** Arrays are kept flat: their brackets are operands of their own, TJ reads what is between. */
    static final int ARRAY_START = 5;
    static final int ARRAY_END = 6;
    /** Dictionaries (marked-content properties), booleans and null: skipped, but still operands. */
    static final int SKIPPED = 7;

    /** A TJ array of a whole page is a few thousand operands; more than this is not a document. */
    private static final int MAX_OPERANDS = 1 << 16;
    private static final int CHECK_EVERY = 0xFFF;
    /** What each byte is to the lexer: white space, a delimiter, or (zero) part of a regular token. */
    private static final byte WHITE_SPACE = 1;
    private static final byte DELIMITER = 2;
    private static final byte[] KINDS = kinds();
    private static final int INLINE_IMAGE_DATA = 'I' | 'D' << 8;

    /** Bytes written by the last {@link #string} call. */
    int length;

    private final byte[] in;
    private final int end;
    private final TextCollector text;
    private int at;
    private int tokens;
    private int count;
    private int[] kinds = new int[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];

    PdfOperators(byte[] content, TextCollector text) {
        this.in = content;
        this.end = content.length;
        this.text = text;
    }

    /** Reads up to the next operator and returns it; its operands stay readable until the next call. */
    int next() {
        count = 0;
        while (true) {
            if ((++tokens & CHECK_EVERY) == 0) {
                // A stream of a million numbers and no operator still gives the thread back in time.
                text.checkTime();
            }
            skipSpaceAndComments();
            if (at >= end) {
                return END;
            }
            int start = at;
            byte b = in[at];
            switch (b) {
                case '(' -> operand(STRING, start, skipLiteralString());
                case '<' -> {
                    if (at + 1 < end && in[at + 1] == '<') {
                        at += 2;
                        operand(SKIPPED, start, at);
                    } else {
                        operand(HEX_STRING, start, skipPast('>'));
                    }
                }
                case '>' -> {
                    at += at + 1 < end && in[at + 1] == '>' ? 2 : 1;
                    operand(SKIPPED, start, at);
                }
                case '[' -> operand(ARRAY_START, start, ++at);
                case ']' -> operand(ARRAY_END, start, ++at);
                case '/' -> {
                    at++;
                    skipRegular();
                    operand(NAME, start + 1, at);
                }
                case ')', '{', '}' -> at++;
                default -> {
                    skipRegular();
                    if (isNumberStart(b)) {
                        operand(NUMBER, start, at);
                    } else if (isKeywordOperand(start, at)) {
                        operand(SKIPPED, start, at);
                    } else {
                        int operator = at - start <= 3 ? code(start, at) : OTHER;
                        if (operator == INLINE_IMAGE_DATA) {
                            skipInlineImage();
                        }
                        return operator;
                    }
                }
            }
        }
    }

    int operands() {
        return count;
    }

    int kind(int operand) {
        return kinds[operand];
    }

    /** A number operand, read leniently as PDFBox does: what does not parse counts as zero. */
    double number(int operand) {
        int i = starts[operand];
        int stop = ends[operand];
        boolean negative = false;
        while (i < stop && (in[i] == '-' || in[i] == '+')) {
            negative ^= in[i++] == '-';
        }
        double value = 0;
        double scale = 0;
        for (; i < stop; i++) {
            byte b = in[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                scale *= 10;
            } else if (b == '.' && scale == 0) {
                scale = 1;
            } else {
                break;
            }
        }
        value = scale > 1 ? value / scale : value;
        return negative ? -value : value;
    }

    /** A name operand without its slash, #xx escapes decoded; UTF-8 when it is, Latin-1 otherwise. */
    String name(int operand) {
        return PdfStrings.name(in, starts[operand], ends[operand]);
    }

    /**
     * The bytes of a string operand, literal or hex, unescaped into {@code into} (grown if
     * needed, and returned); {@link #length} says how many.
     */
    byte[] string(int operand, byte[] into) {
        int from = starts[operand];
        int stop = ends[operand];
        byte[] out = into.length >= stop - from ? into : new byte[stop - from];
        length = kinds[operand] == HEX_STRING ? PdfStrings.unhex(in, from + 1, stop, out)
                : PdfStrings.unescape(in, from + 1, stop, out);
        return out;
    }

    private void operand(int kind, int start, int stop) {
        if (count == kinds.length) {
            if (count == MAX_OPERANDS) {
                return;
            }
            kinds = Arrays.copyOf(kinds, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count++] = stop;
    }

    private int code(int start, int stop) {
        int code = 0;
        for (int i = start; i < stop; i++) {
            code |= (in[i] & 0xFF) << (8 * (i - start));
        }
        return code;
    }

    private boolean isKeywordOperand(int start, int stop) {
        int n = stop - start;
        return n == 4 && (code(start, stop) == ('t' | 'r' << 8 | 'u' << 16 | 'e' << 24)
                || code(start, stop) == ('n' | 'u' << 8 | 'l' << 16 | 'l' << 24))
                || n == 5 && in[start] == 'f' && code(start + 1, stop) == ('a' | 'l' << 8 | 's' << 16 | 'e' << 24);
    }

    private void skipSpaceAndComments() {
        while (at < end) {
            byte b = in[at];
            if (b == '%') {
                while (at < end && in[at] != '\n' && in[at] != '\r') {
                    at++;
                }
            } else if (isWhiteSpace(b)) {
                at++;
            } else {
                return;
            }
        }
    }

    private void skipRegular() {
        while (at < end && isRegular(in[at])) {
            at++;
        }
    }

    /** Past the closing parenthesis, nested pairs and escapes included; an unclosed string runs to the end. */
    private int skipLiteralString() {
        int depth = 0;
        while (++at < end) {
            byte b = in[at];
            if (b == '\\') {
                at++;
            } else if (b == '(') {
                depth++;
            } else if (b == ')' && depth-- == 0) {
                return ++at;
            }
        }
        at = end;
        return end;
    }

    private int skipPast(char closing) {
        while (++at < end && in[at] != closing) {
            // Nothing but hex digits and white space belongs here; they are sorted out when decoded.
        }
        at = Math.min(at + 1, end);
        return at;
    }

    /**
     * Skips an inline image's data up to its EI, never decoding it. The data has no length, so EI
     * counts only between white space and followed by text rather than more binary bytes, much as
     * PDFBox reads it.
     */
    private void skipInlineImage() {
        int i = at + 1;
        for (; i + 1 < end; i++) {
            if (in[i] == 'E' && in[i + 1] == 'I' && isWhiteSpace(in[i - 1])
                    && (i + 2 == end || isWhiteSpace(in[i + 2])) && textFollows(i + 2)) {
                at = i + 2;
                return;
            }
        }
        at = end;
    }

    /** Whether the token after {@code from} looks like an operator or operand rather than more image bytes. */
    private boolean textFollows(int from) {
        int i = from;
        while (i < end && isWhiteSpace(in[i])) {
            i++;
        }
        for (int stop = Math.min(end, i + 10); i < stop && isRegular(in[i]); i++) {
            int b = in[i] & 0xFF;
            if (b < 0x21 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumberStart(byte b) {
        return b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.';
    }

    private static boolean isWhiteSpace(byte b) {
        return KINDS[b & 0xFF] == WHITE_SPACE;
    }

    private static boolean isRegular(byte b) {
        return KINDS[b & 0xFF] == 0;
    }

    private static byte[] kinds() {
        byte[] kinds = new byte[256];
        for (char c : " \n\r\t\f\0".toCharArray()) {
            kinds[c] = WHITE_SPACE;
        }
        for (char c : "()<>[]{}/%".toCharArray()) {
            kinds[c] = DELIMITER;
        }
        return kinds;
    }
}
