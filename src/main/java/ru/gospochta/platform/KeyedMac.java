package ru.gospochta.platform;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, safe to share between threads. Each thread keeps a {@link Mac} keyed
 * once: looking the algorithm up and keying it costs more than hashing a short value, and the
 * hot paths (a code and a link in every letter) hash one value each time.
 */
public final class KeyedMac {

    private final ThreadLocal<Mac> macs;

    private KeyedMac(byte[] key) {
        byte[] copy = key.clone();
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(copy, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    public static KeyedMac hmacSha256(byte[] key) {
        return new KeyedMac(key);
    }

    public byte[] of(byte[] data) {
        return macs.get().doFinal(data);
    }
}
