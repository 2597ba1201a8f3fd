package ru.gospochta.platform;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Demo secrets are generated on first seed and kept, so no password is committed and a restart
 * does not change them.
 */
public final class DemoSecrets {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final String SPECIALS = "!#%*+-=?@";

    private final Map<String, String> known;
    private final SecureRandom random = new SecureRandom();

    public DemoSecrets(Map<String, String> known) {
        this.known = new HashMap<>(known);
    }

    /** The secret stored under {@code key}, or a new strong one (upper, lower, digit, special). */
    public String get(String key) {
        return known.computeIfAbsent(key, k -> generate());
    }

    /** The secret stored under {@code key}, or a new one made by {@code fresh} (e.g. a TOTP key). */
    public String get(String key, java.util.function.Supplier<String> fresh) {
        return known.computeIfAbsent(key, k -> fresh.get());
    }

    private String generate() {
        StringBuilder secret = new StringBuilder("Demo-");
        for (int i = 0; i < 14; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        secret.append(SPECIALS.charAt(random.nextInt(SPECIALS.length()))).append(random.nextInt(10));
        return secret.toString();
    }
}
