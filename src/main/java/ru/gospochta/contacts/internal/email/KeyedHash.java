package ru.gospochta.contacts.internal.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ru.gospochta.platform.ServerKeys;

/**
 * HMAC-SHA256 under a server key of its own, for codes and link tokens kept in the database: a
 * copied table opens nothing, and a hash made for one purpose matches nothing of another.
 */
final class KeyedHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    KeyedHash(ServerKeys keys, String purpose) {
        this.key = new SecretKeySpec(keys.key(purpose), "HmacSHA256");
    }

    String of(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A fresh URL-safe token of 256 random bits. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
