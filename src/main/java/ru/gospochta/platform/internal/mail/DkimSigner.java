package ru.gospochta.platform.internal.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        List<String> fields = fields(new String(wire, 0, Math.min(bodyStart, wire.length), StandardCharsets.ISO_8859_1));
        try {
            byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(RelaxedCanonicalization.body(wire, bodyStart));
            List<String> signedNames = signedNames(fields);
            byte[] headerData = signedHeaders(fields, signedNames).getBytes(StandardCharsets.ISO_8859_1);
            long now = clock.instant().getEpochSecond();
            StringBuilder headers = new StringBuilder();
            for (DkimKey key : keys) {
                String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + key.domain()
                        + "; s=" + key.selector() + ";\r\n\tt=" + now
                        + "; h=" + String.join(":", signedNames) + ";\r\n\tbh=" + Base64.getEncoder().encodeToString(bodyHash)
                        + ";\r\n\tb=";
                // The signature's own header, canonical and without its trailing CRLF, closes the signed data.
                String self = RelaxedCanonicalization.header(unsigned);
                byte[] selfData = self.substring(0, self.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
                byte[] data = new byte[headerData.length + selfData.length];
                System.arraycopy(headerData, 0, data, 0, headerData.length);
                System.arraycopy(selfData, 0, data, headerData.length, selfData.length);
                headers.append(unsigned).append(fold(Base64.getEncoder().encodeToString(key.sign(data)))).append("\r\n");
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

    /** Every header present, top to bottom (a repeated one as often as it occurs), then the over-signed names. */
    private static List<String> signedNames(List<String> fields) {
        List<String> names = new ArrayList<>();
        for (String field : fields) {
            String name = name(field);
            if (!UNSIGNED.contains(name)) {
                names.add(name);
            }
        }
        names.addAll(OVERSIGNED);
        return names;
    }

    /**
     * The canonical fields in {@code h=} order; a name listed again takes the next occurrence from
     * the bottom, and a name with none left contributes nothing (RFC 6376 §5.4.2).
     */
    private static String signedHeaders(List<String> fields, List<String> names) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String field : fields) {
            byName.computeIfAbsent(name(field), n -> new ArrayList<>()).add(field);
        }
        Map<String, Integer> taken = new HashMap<>();
        StringBuilder data = new StringBuilder();
        for (String name : names) {
            List<String> occurrences = byName.getOrDefault(name, List.of());
            int next = occurrences.size() - taken.merge(name, 1, Integer::sum);
            if (next >= 0) {
                data.append(RelaxedCanonicalization.header(occurrences.get(next)));
            }
        }
        return data.toString();
    }

    /** The header fields as written, each with its folding but without its final CRLF. */
    private static List<String> fields(String headerSection) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : headerSection.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation && current != null) {
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }

    private static String name(String field) {
        int colon = field.indexOf(':');
        return (colon < 0 ? field : field.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
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

    private static String fold(String base64) {
        StringBuilder folded = new StringBuilder(base64.length() + base64.length() / FOLD_AT * 3);
        for (int start = 0; start < base64.length(); start += FOLD_AT) {
            if (start > 0) {
                folded.append("\r\n\t");
            }
            folded.append(base64, start, Math.min(base64.length(), start + FOLD_AT));
        }
        return folded.toString();
    }
}
