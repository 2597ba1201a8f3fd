package ru.gospochta.platform.internal.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Signs a serialized letter with DKIM (RFC 6376): relaxed/relaxed, over every header the letter
 * was composed with, once per configured key — rsa-sha256, ed25519-sha256 (RFC 8463) or both,
 * sharing one body hash. The signatures are computed over the exact bytes that go on the wire and
 * are prepended to them, so nothing may touch the letter afterwards.
 */
final class DkimSigner {

    /** Headers that relays add or rewrite in transit; signing them would break the signature. */
    private static final Set<String> UNSIGNED = Set.of("return-path", "received", "content-length", "bcc", "dkim-signature");

    /**
     * Listed once more than they occur (RFC 6376 §8.15), so that a copy with a second From, a
     * Reply-To or an unsubscribe link added on the way no longer verifies.
     */
    private static final List<String> OVERSIGNED = List.of("from", "to", "cc", "reply-to", "subject", "date",
            "message-id", "list-unsubscribe", "list-unsubscribe-post");

    private static final int FOLD_AT = 72;

    private final List<DkimKey> keys;
    private final Clock clock;

    DkimSigner(List<DkimKey> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no DKIM key");
        }
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    /** The keys in the order their signatures appear, topmost first. */
    List<DkimKey> keys() {
        return keys;
    }

    /**
     * The letter with its DKIM-Signature header first, every line ending in CRLF.
     *
     * @param message the letter as Jakarta Mail writes it
     */
    byte[] sign(byte[] message) {
        byte[] wire = RelaxedCanonicalization.crlfLines(message);
        int bodyStart = bodyStart(wire);
        List<Field> fields = fields(new String(wire, 0, bodyStart, StandardCharsets.ISO_8859_1));
        try {
            byte[] bodyHash = RelaxedCanonicalization.bodyHash(wire, bodyStart, MessageDigest.getInstance("SHA-256"));
            List<String> signedNames = signedNames(fields);
            StringBuilder data = signedHeaders(fields, signedNames);
            int headerDataLength = data.length();
            long now = clock.instant().getEpochSecond();
            String tags = ";\r\n\tt=" + now + "; h=" + String.join(":", signedNames)
                    + ";\r\n\tbh=" + Base64.getEncoder().encodeToString(bodyHash) + ";\r\n\tb=";
            StringBuilder headers = new StringBuilder();
            for (DkimKey key : keys) {
                String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + key.domain()
                        + "; s=" + key.selector() + tags;
                // The signature's own header, canonical and without its trailing CRLF, closes the signed data.
                data.setLength(headerDataLength);
                RelaxedCanonicalization.header(unsigned, data);
                data.setLength(data.length() - 2);
                byte[] signature = key.sign(data.toString().getBytes(StandardCharsets.ISO_8859_1));
                headers.append(unsigned);
                fold(Base64.getEncoder().encodeToString(signature), headers);
                headers.append("\r\n");
            }
            byte[] head = headers.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] signed = new byte[head.length + wire.length];
            System.arraycopy(head, 0, signed, 0, head.length);
            System.arraycopy(wire, 0, signed, head.length, wire.length);
            return signed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the letter cannot be DKIM-signed", e);
        }
    }

    /** A header field as written, with its folding but without its final CRLF, and its name as h= lists it. */
    private record Field(String name, String text) {

        static Field of(String text) {
            int colon = text.indexOf(':');
            String name = (colon < 0 ? text : text.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            return new Field(name, text);
        }
    }

    /** Every header present, top to bottom (a repeated one as often as it occurs), then the over-signed names. */
    private static List<String> signedNames(List<Field> fields) {
        List<String> names = new ArrayList<>(fields.size() + OVERSIGNED.size());
        for (Field field : fields) {
            if (!UNSIGNED.contains(field.name())) {
                names.add(field.name());
            }
        }
        names.addAll(OVERSIGNED);
        return names;
    }

    /**
     * The canonical fields in {@code h=} order; a name listed again takes the next occurrence from
     * the bottom, and a name with none left contributes nothing (RFC 6376 §5.4.2).
     */
    private static StringBuilder signedHeaders(List<Field> fields, List<String> names) {
        Map<String, List<Field>> byName = new HashMap<>();
        int length = 0;
        for (Field field : fields) {
            byName.computeIfAbsent(field.name(), n -> new ArrayList<>(1)).add(field);
            length += field.text().length();
        }
        Map<String, Integer> taken = new HashMap<>();
        // Room for the signature's own header too, appended per key.
        StringBuilder data = new StringBuilder(length + 1024);
        for (String name : names) {
            List<Field> occurrences = byName.getOrDefault(name, List.of());
            int next = occurrences.size() - taken.merge(name, 1, Integer::sum);
            if (next >= 0) {
                RelaxedCanonicalization.header(occurrences.get(next).text(), data);
            }
        }
        return data;
    }

    /**
     * The header fields, top to bottom. A field runs from its first line to its last continuation
     * line; the section holds no empty line before its end (the first one ends it), so that is
     * one substring. A continuation line with no field before it is taken as a field.
     */
    private static List<Field> fields(String headerSection) {
        List<Field> fields = new ArrayList<>();
        int fieldStart = -1;
        int fieldEnd = -1;
        int length = headerSection.length();
        for (int lineStart = 0; lineStart < length; ) {
            int lineEnd = headerSection.indexOf("\r\n", lineStart);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            if (lineEnd > lineStart) {
                char first = headerSection.charAt(lineStart);
                boolean continuation = first == ' ' || first == '\t';
                if (!continuation || fieldStart < 0) {
                    if (fieldStart >= 0) {
                        fields.add(Field.of(headerSection.substring(fieldStart, fieldEnd)));
                    }
                    fieldStart = lineStart;
                }
                fieldEnd = lineEnd;
            }
            lineStart = lineEnd + 2;
        }
        if (fieldStart >= 0) {
            fields.add(Field.of(headerSection.substring(fieldStart, fieldEnd)));
        }
        return fields;
    }

    /** Index after the blank line that ends the headers, or the end when there is no body. */
    private static int bodyStart(byte[] wire) {
        for (int i = 0; i + 3 < wire.length; i++) {
            if (wire[i] == '\r' && wire[i + 1] == '\n' && wire[i + 2] == '\r' && wire[i + 3] == '\n') {
                return i + 4;
            }
        }
        return wire.length;
    }

    private static void fold(String base64, StringBuilder into) {
        for (int start = 0; start < base64.length(); start += FOLD_AT) {
            if (start > 0) {
                into.append("\r\n\t");
            }
            into.append(base64, start, Math.min(base64.length(), start + FOLD_AT));
        }
    }
}
