package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.platform.IndependentDkimVerifier;

/**
 * The relaxed canonical forms DKIM signs over, pinned by the RFC's example, by edge cases, and by
 * comparison with a plainly written reference on random input, since a verifier that hashes one
 * byte differently fails the whole letter.
 */
class RelaxedCanonicalizationTests {

    @Test
    @DisplayName("NTF-5: the example of RFC 6376 §3.4.6 canonicalizes, relaxed/relaxed, to the header and body the RFC gives")
    void rfcExample() {
        assertThat(RelaxedCanonicalization.header("A: X")).isEqualTo("a:X\r\n");
        assertThat(RelaxedCanonicalization.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    @DisplayName("NTF-5: header fields — name in lower case, folding undone, whitespace runs made one space and none around the colon or at the end")
    void headerFields() {
        assertThat(RelaxedCanonicalization.header("Subject:\t  Ваше   заявление\t")).isEqualTo("subject:Ваше заявление\r\n");
        assertThat(RelaxedCanonicalization.header("X-Empty:   ")).isEqualTo("x-empty:\r\n");
        assertThat(RelaxedCanonicalization.header(" To :a@example.ru,\r\n b@example.ru")).isEqualTo("to:a@example.ru, b@example.ru\r\n");
        StringBuilder section = new StringBuilder("from:x\r\n");
        RelaxedCanonicalization.header("Date: Fri, 20 Nov 2026", section);
        assertThat(section).hasToString("from:x\r\ndate:Fri, 20 Nov 2026\r\n");
    }

    @Test
    @DisplayName("NTF-5: body edge cases — trailing and leading whitespace, tabs, whitespace-only and empty last lines, no final CRLF, an empty body")
    void bodyEdgeCases() {
        assertThat(body("text   \r\n")).as("trailing whitespace").isEqualTo("text\r\n");
        assertThat(body("\t  indented\r\n")).as("leading whitespace becomes one space").isEqualTo(" indented\r\n");
        assertThat(body("a\t\tb \t c\r\n")).as("tabs").isEqualTo("a b c\r\n");
        assertThat(body("a\r\n \t \r\nb\r\n")).as("whitespace-only line inside").isEqualTo("a\r\n\r\nb\r\n");
        assertThat(body("a\r\n\r\n \t\r\n\r\n")).as("empty and whitespace-only lines at the end").isEqualTo("a\r\n");
        assertThat(body("a\r\n\r\n\r\nb")).as("no final CRLF; empty lines before content stay").isEqualTo("a\r\n\r\n\r\nb\r\n");
        assertThat(body("last line  ")).isEqualTo("last line\r\n");
        assertThat(body("")).as("empty body").isEmpty();
        assertThat(body("\r\n\r\n")).as("only empty lines").isEmpty();
        assertThat(body(" \t ")).as("only whitespace").isEmpty();
        assertThat(body("Здравствуйте,  Иван!\r\n")).isEqualTo("Здравствуйте, Иван!\r\n");
        byte[] letter = bytes("Subject: x\r\n\r\nbody  \r\n\r\n");
        assertThat(new String(RelaxedCanonicalization.body(letter, 14), StandardCharsets.UTF_8)).as("from an offset").isEqualTo("body\r\n");
    }

    @Test
    @DisplayName("NTF-5: the body hash is SHA-256 of the canonical body; an empty body hashes as nothing at all")
    void bodyHash() throws Exception {
        String ofNothing = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        assertThat(bodyHash(bytes(""), 0)).isEqualTo(ofNothing);
        assertThat(bodyHash(bytes("\r\n \r\n\r\n"), 0)).isEqualTo(ofNothing);
        byte[] letter = bytes("A: b\r\n\r\n C \r\nD \t E\r\n\r\n\r\n");
        assertThat(bodyHash(letter, 8)).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(bytes(" C\r\nD E\r\n"))));
    }

    @Test
    @DisplayName("NTF-5: crlfLines makes bare LF and bare CR into CRLF and ends the letter with CRLF; a letter already so is returned as it is")
    void crlfLinesEdgeCases() {
        assertThat(crlfLines("a\nb\n")).isEqualTo("a\r\nb\r\n");
        assertThat(crlfLines("a\rb\r")).isEqualTo("a\r\nb\r\n");
        assertThat(crlfLines("a\r\r\nb\n\rc")).isEqualTo("a\r\n\r\nb\r\n\r\nc\r\n");
        assertThat(crlfLines("a\r\nb")).as("no final line end").isEqualTo("a\r\nb\r\n");
        assertThat(crlfLines("")).isEqualTo("\r\n");
        assertThat(crlfLines("\n")).isEqualTo("\r\n");
        assertThat(crlfLines("\r")).isEqualTo("\r\n");
        byte[] wire = bytes("Subject: x\r\n\r\nЗдравствуйте\r\n");
        assertThat(RelaxedCanonicalization.crlfLines(wire)).isSameAs(wire);
        byte[] crlf = bytes("\r\n");
        assertThat(RelaxedCanonicalization.crlfLines(crlf)).isSameAs(crlf);
    }

    @Test
    @DisplayName("NTF-5: on thousands of random bodies of blanks, tabs, CR, LF, letters and Cyrillic the body canonicalization equals a plain reference")
    void bodyMatchesReference() {
        Random random = new Random(6376);
        for (int n = 0; n < 4000; n++) {
            byte[] raw = randomBytes(random);
            byte[] wire = RelaxedCanonicalization.crlfLines(raw);
            int start = random.nextInt(wire.length + 1);
            assertThat(RelaxedCanonicalization.body(wire, start)).as(() -> describe(wire, start)).isEqualTo(referenceBody(wire, start));
            // Outside the CRLF form a bare CR or LF is an ordinary character of its line; still defined.
            assertThat(RelaxedCanonicalization.body(raw, 0)).as(() -> describe(raw, 0)).isEqualTo(referenceBody(raw, 0));
        }
    }

    @Test
    @DisplayName("NTF-5: on thousands of random letters crlfLines equals a plain reference, and returns the very array when nothing changes")
    void crlfLinesMatchesReference() {
        Random random = new Random(5321);
        for (int n = 0; n < 4000; n++) {
            byte[] raw = randomBytes(random);
            byte[] expected = referenceCrlfLines(raw);
            byte[] actual = RelaxedCanonicalization.crlfLines(raw);
            assertThat(actual).as(() -> describe(raw, 0)).isEqualTo(expected);
            if (Arrays.equals(raw, expected)) {
                assertThat(actual).isSameAs(raw);
            }
            assertThat(RelaxedCanonicalization.crlfLines(actual)).isSameAs(actual);
        }
    }

    /** A letter as Jakarta Mail might hand it over, with bare LFs, folding, an unsigned header and empty last lines. */
    static final String LETTER = "Received: from relay.example.ru\r\n"
            + "From: \"Gospochta\" <noreply@gospochta.local>\r\n"
            + "To: citizen@example.ru\r\n"
            + "Subject: =?UTF-8?B?0KLQtdC80LA=?=\r\n"
            + "Date: Fri, 20 Nov 2026 10:00:00 +0300\r\n"
            + "Message-ID: <ntf-42.attempt-1@gospochta.local>\r\n"
            + "X-Folded: first\r\n\t second  \r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Здравствуйте,  \tИван!\n"
            + "  line with leading blanks\r\n"
            + "\r\n"
            + "trailing\t \r\n"
            + "\r\n"
            + "\r\n";

    @Test
    @DisplayName("NTF-5: a fixed letter signed with a fixed Ed25519 key at a fixed time gives the same DKIM-Signature, byte for byte, as it always did")
    void signedBytesPinned() throws Exception {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        DkimKey key = new DkimKey(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                "gospochta.local", "gp1e");
        DkimSigner signer = new DkimSigner(List.of(key), Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));
        byte[] letter = bytes(LETTER);

        byte[] signed = signer.sign(letter);

        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text.substring(0, text.indexOf("Received:"))).isEqualTo(GOLDEN);
        assertThat(Arrays.copyOfRange(signed, signed.length - RelaxedCanonicalization.crlfLines(letter).length, signed.length))
                .isEqualTo(RelaxedCanonicalization.crlfLines(letter));
        if (IndependentDkimVerifier.dkimpyAvailable()) {
            assertThat(IndependentDkimVerifier.dkimpy(signed, Map.of(key.recordName(), key.recordValue()))).containsExactly("pass");
        }
    }

    /** Signed before canonicalization was rewritten for speed; dkimpy verifies it against the key's record. */
    private static final String GOLDEN = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=gospochta.local; s=gp1e;\r\n"
            + "\tt=1700000000; h=from:to:subject:date:message-id:x-folded:mime-version:content-type:content-transfer-encoding"
            + ":from:to:cc:reply-to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post;\r\n"
            + "\tbh=AIR5B+8Yn+J0BTnbYVEo8LTXSA4EV0ztQH3uj/3Yigw=;\r\n"
            + "\tb=Q4HwLKbvV78OnR57yUFEkWpRS1KolS0tZL8Rp8gLn19jpnRfMkBVVr+KM3UN0Ie5qL0CTBsY\r\n"
            + "\tDhkneeONR8TEDA==\r\n";

    private static final Pattern WHITESPACE_AT_END = Pattern.compile("[ \t]+\\z");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[ \t]+");

    /** RFC 6376 §3.4.4 read literally, line by line over strings: one char per byte, lines split at CRLF only. */
    private static byte[] referenceBody(byte[] message, int start) {
        String body = new String(message, start, message.length - start, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(body.split("\r\n", -1)));
        // What follows the last CRLF is a line only when something is there.
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        lines.replaceAll(line -> WHITESPACE_RUN.matcher(WHITESPACE_AT_END.matcher(line).replaceAll("")).replaceAll(" "));
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        StringBuilder canonical = new StringBuilder();
        lines.forEach(line -> canonical.append(line).append("\r\n"));
        return canonical.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] referenceCrlfLines(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
        return (text.endsWith("\r\n") ? text : text + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Mostly the bytes canonicalization cares about; "х" is D1 85, and 0x85 is a line terminator to a careless regex. */
    private static final byte[][] ALPHABET = {{' '}, {' '}, {'\t'}, {'\r'}, {'\n'}, {'\r', '\n'}, {'a'}, {'a'}, bytes("х")};

    private static byte[] randomBytes(Random random) {
        int tokens = random.nextInt(60);
        byte[] out = new byte[tokens * 2];
        int length = 0;
        for (int t = 0; t < tokens; t++) {
            byte[] token = ALPHABET[random.nextInt(ALPHABET.length)];
            System.arraycopy(token, 0, out, length, token.length);
            length += token.length;
        }
        return Arrays.copyOf(out, length);
    }

    private static String describe(byte[] message, int start) {
        return "from " + start + ": " + HexFormat.ofDelimiter(" ").formatHex(message);
    }

    private static String body(String body) {
        return new String(RelaxedCanonicalization.body(bytes(body), 0), StandardCharsets.UTF_8);
    }

    private static String crlfLines(String message) {
        return new String(RelaxedCanonicalization.crlfLines(bytes(message)), StandardCharsets.UTF_8);
    }

    private static String bodyHash(byte[] message, int start) throws Exception {
        return Base64.getEncoder().encodeToString(RelaxedCanonicalization.bodyHash(message, start, MessageDigest.getInstance("SHA-256")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
