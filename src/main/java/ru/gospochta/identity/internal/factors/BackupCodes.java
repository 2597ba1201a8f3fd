package ru.gospochta.identity.internal.factors;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One-time backup codes for when the phone with the TOTP app or SIM is lost (ACC-3, ACC-6).
 * Only their password hashes are stored: a leaked table must not give anyone a way in.
 */
public final class BackupCodes {

    public static final int COUNT = 10;
    public static final int LENGTH = 10;
    /** Without 0/o, 1/l/i, so a code read from paper is typed right in either case. */
    public static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

    private static final int GROUP = LENGTH / 2;
    private static final int MAX_TYPED_LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordEncoder encoder;

    public BackupCodes(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    /**
     * A fresh set of codes, replacing any earlier set.
     *
     * @param displayed shown to the user once, as {@code xxxxx-xxxxx}, and never stored
     * @param hashes    stored, in the same order
     */
    public record Issued(List<String> displayed, List<String> hashes) {

        public Issued {
            displayed = List.copyOf(displayed);
            hashes = List.copyOf(hashes);
        }

        @Override
        public String toString() {
            return "BackupCodes.Issued[" + hashes.size() + " codes]";
        }
    }

    public Issued issue() {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            codes.add(randomCode());
        }
        List<String> displayed = new ArrayList<>(COUNT);
        List<String> hashes = new ArrayList<>(COUNT);
        for (String code : codes) {
            displayed.add(code.substring(0, GROUP) + "-" + code.substring(GROUP));
            hashes.add(encoder.encode(code));
        }
        return new Issued(displayed, hashes);
    }

    /** The code as hashed: lower case, without the hyphens and spaces people type. */
    public static String normalise(String typed) {
        StringBuilder code = new StringBuilder(Math.min(typed.length(), MAX_TYPED_LENGTH));
        for (int i = 0; i < typed.length() && i < MAX_TYPED_LENGTH; i++) {
            char c = typed.charAt(i);
            if (c != '-' && !Character.isWhitespace(c) && c != '\u00a0') {
                code.append(Character.toLowerCase(c));
            }
        }
        return code.toString();
    }

    /**
     * @param unusedHashes the account's hashes not yet spent
     * @return the position in {@code unusedHashes} of the code typed, which the caller marks as
     *         used in the same transaction; empty when none matches
     */
    public OptionalInt match(String typed, List<String> unusedHashes) {
        // A typed value that cannot be a code is refused before any hashing, so garbage costs
        // the server nothing.
        if (typed.length() > MAX_TYPED_LENGTH) {
            return OptionalInt.empty();
        }
        String code = normalise(typed);
        if (!isWellFormed(code)) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < unusedHashes.size(); i++) {
            if (encoder.matches(code, unusedHashes.get(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isWellFormed(String code) {
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    private static String randomCode() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }
}
