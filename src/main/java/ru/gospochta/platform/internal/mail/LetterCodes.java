package ru.gospochta.platform.internal.mail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.platform.KeyedMac;
import ru.gospochta.platform.ServerKeys;

/**
 * The verification codes of NTF-6. A code is eight characters of an alphabet without look-alikes
 * (no I, L, O, U), random, so a forger cannot guess one that exists (32⁸ ≈ 10¹² codes); a letter
 * whose code is not found here was not sent by the portal.
 */
@Component
public class LetterCodes {

    /** One registered letter, as «Проверить письмо» shows it. */
    record Registered(String code, String recipient, String subject, Instant sentAt) {
    }

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final Pattern CODE = Pattern.compile("(?<![0-9A-Za-z])([0-9A-Za-z]{4})[- ]?([0-9A-Za-z]{4})(?![0-9A-Za-z])");

    private final JdbcClient db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final KeyedMac mac;

    LetterCodes(JdbcClient db, Clock clock, ServerKeys keys) {
        this.db = db;
        this.clock = clock;
        this.mac = KeyedMac.hmacSha256(keys.key("letter-codes"));
    }

    /** One letter about to leave, as {@link #registerAll} takes it. */
    record Leaving(String recipient, String subject, String messageId) {
    }

    /**
     * Registers letters about to leave, with the Message-IDs they will carry, and returns their
     * codes in the same order: one write, before the letters exist anywhere, so no letter is out
     * whose code is unknown. A letter the server then refuses keeps its row; nobody holds that
     * code. A code already taken (one chance in 10¹² a letter) is drawn again for that letter alone.
     */
    List<String> registerAll(List<Leaving> letters) {
        String[] codes = new String[letters.size()];
        // Distinct within the write too: a repeated code would be written once and reported twice.
        Set<String> drawnSoFar = new HashSet<>();
        for (int attempt = 0; ; attempt++) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] == null) {
                    String code = newCode();
                    while (!drawnSoFar.add(code)) {
                        code = newCode();
                    }
                    codes[i] = code;
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                return List.of(codes);
            }
            String[] drawn = open.stream().map(i -> codes[i]).toArray(String[]::new);
            Set<String> written = new HashSet<>(db.sql("""
                            INSERT INTO platform.letter_codes (code, recipient_hash, recipient_shown, subject, message_id, sent_at)
                            SELECT code, hash, shown, subject, message_id, :at
                            FROM unnest(:codes::text[], :hashes::bytea[], :shown::text[], :subjects::text[], :ids::text[])
                                AS l(code, hash, shown, subject, message_id)
                            ON CONFLICT (code) DO NOTHING
                            RETURNING code""")
                    .param("codes", drawn)
                    .param("hashes", open.stream().map(i -> hash(letters.get(i).recipient())).toArray(byte[][]::new))
                    .param("shown", open.stream().map(i -> mask(letters.get(i).recipient())).toArray(String[]::new))
                    .param("subjects", open.stream().map(i -> letters.get(i).subject()).toArray(String[]::new))
                    .param("ids", open.stream().map(i -> letters.get(i).messageId()).toArray(String[]::new))
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .query(String.class).list());
            for (int i : open) {
                if (!written.contains(codes[i])) {
                    if (attempt >= 3) {
                        throw new IllegalStateException("no free letter code after " + attempt + " draws");
                    }
                    codes[i] = null;
                }
            }
        }
    }

    /**
     * Whether the portal sent the letter of this Message-ID to this address: how a delivery report
     * or a complaint shows it is about one of our letters, not written by anyone who can mail the
     * bounce address to have a citizen's address suspended.
     */
    public boolean sentTo(String messageId, String recipient) {
        String id = messageId.strip();
        String bracketed = id.startsWith("<") ? id : "<" + id + ">";
        return db.sql("SELECT EXISTS (SELECT 1 FROM platform.letter_codes WHERE message_id = :id AND recipient_hash = :hash)")
                .param("id", bracketed).param("hash", hash(recipient)).query(Boolean.class).single();
    }

    /** Finds the code in what the citizen typed or pasted; a pasted letter may hold other words around it. */
    Optional<Registered> find(String typedOrPasted) {
        Matcher m = CODE.matcher(typedOrPasted);
        while (m.find()) {
            String code = (m.group(1) + "-" + m.group(2)).toUpperCase(Locale.ROOT);
            Optional<Registered> found = db.sql("""
                            SELECT code, recipient_shown, subject, sent_at FROM platform.letter_codes WHERE code = :code""")
                    .param("code", code)
                    .query((rs, n) -> new Registered(rs.getString("code"), rs.getString("recipient_shown"),
                            rs.getString("subject"), rs.getObject("sent_at", java.time.OffsetDateTime.class).toInstant()))
                    .optional();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Eight characters of five random bits each, from one draw of the generator rather than eight. */
    private String newCode() {
        byte[] bytes = new byte[5];
        random.nextBytes(bytes);
        long bits = 0;
        for (byte b : bytes) {
            bits = bits << 8 | (b & 0xFF);
        }
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET.charAt((int) (bits >>> (35 - 5 * i)) & 0x1F));
        }
        return code.toString();
    }

    /** «iv***@example.ru»: enough for the owner to recognise, too little to harvest. */
    static String mask(String address) {
        int at = address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        String local = address.substring(0, at);
        return local.substring(0, Math.min(2, local.length())) + "***" + address.substring(at);
    }

    private byte[] hash(String recipient) {
        return mac.of(recipient.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
