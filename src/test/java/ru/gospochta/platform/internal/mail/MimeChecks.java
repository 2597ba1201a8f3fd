package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Reading written letters back and checking their lines, for the tests of {@link LetterWriter}. */
final class MimeChecks {

    static final Session SESSION = Session.getInstance(new Properties());

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?([BQ])\\?([^?]*)\\?=");

    private MimeChecks() {
    }

    /** The letter as a mail client reads it. */
    static MimeMessage parse(byte[] letter) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(letter));
    }

    /** Every line ends in CRLF, there is no bare CR or LF, and no line is over 998 octets (RFC 5322 §2.1.1, §2.3). */
    static void assertWireForm(byte[] letter) {
        assertThat(letter.length).isGreaterThan(2);
        assertThat(letter[letter.length - 2]).as("ends in CRLF").isEqualTo((byte) '\r');
        assertThat(letter[letter.length - 1]).as("ends in CRLF").isEqualTo((byte) '\n');
        int lineStart = 0;
        for (int i = 0; i < letter.length; i++) {
            if (letter[i] == '\r') {
                assertThat(i + 1 < letter.length && letter[i + 1] == '\n').as("CR at %d is followed by LF", i).isTrue();
            } else if (letter[i] == '\n') {
                assertThat(i > 0 && letter[i - 1] == '\r').as("LF at %d follows CR", i).isTrue();
                assertThat(i - 1 - lineStart).as("octets in the line at %d", lineStart).isLessThanOrEqualTo(998);
                lineStart = i + 1;
            }
        }
    }

    /** The header section's lines, without their CRLF. */
    static List<String> headerLines(byte[] letter) {
        String text = new String(letter, StandardCharsets.ISO_8859_1);
        return List.of(text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n"));
    }

    /** One header field as written, folding included, or null. */
    static String field(byte[] letter, String name) {
        StringBuilder field = null;
        for (String line : headerLines(letter)) {
            if (field != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                field.append("\r\n").append(line);
            } else if (field != null) {
                break;
            } else if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                field = new StringBuilder(line);
            }
        }
        return field == null ? null : field.toString();
    }

    /** The names of the header fields, top to bottom. */
    static List<String> headerNames(byte[] letter) {
        List<String> names = new ArrayList<>();
        for (String line : headerLines(letter)) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }

    /**
     * Each encoded-word of a field decodes on its own to whole UTF-8 characters: none was cut
     * inside a multi-byte sequence or a surrogate pair.
     */
    static void assertWordsWhole(String field) throws CharacterCodingException {
        Matcher word = ENCODED_WORD.matcher(field);
        while (word.find()) {
            byte[] bytes = word.group(1).equals("B") ? Base64.getDecoder().decode(word.group(2)) : qDecode(word.group(2));
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        }
    }

    private static byte[] qDecode(String text) {
        List<Byte> bytes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                bytes.add((byte) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.add((byte) (c == '_' ? ' ' : c));
            }
        }
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return array;
    }

    /** Text with CRLF line ends, as a text part's content reads back. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
