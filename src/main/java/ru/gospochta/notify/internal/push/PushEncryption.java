package ru.gospochta.notify.internal.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188):
 * only the browser holding the subscription's private key and auth secret can read a message; the
 * push service that carries it cannot. Each message has a key pair and a salt of its own, and goes
 * as a single record.
 */
final class PushEncryption {

    /** The record size announced in the header; a message is one record, so it bounds the message. */
    static final int RECORD_SIZE = 4096;
    static final int AUTH_SECRET_BYTES = 16;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = SALT_BYTES + 4 + 1 + P256.POINT_BYTES;
    /**
     * The longest plaintext: push services take bodies of 4096 bytes (RFC 8030 §7.2), less the header,
     * the authentication tag and the delimiter that marks the last record.
     */
    static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_BYTES - TAG_BYTES - 1;
    private static final byte LAST_RECORD = 0x02;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PushEncryption() {
    }

    /** The request body for a browser with this public key (65 bytes) and auth secret (16 bytes). */
    static byte[] encrypt(byte[] plaintext, byte[] browserKey, byte[] authSecret) throws GeneralSecurityException {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, browserKey, authSecret, P256.generator().generateKeyPair(), salt);
    }

    private static byte[] encrypt(byte[] plaintext, byte[] browserKey, byte[] authSecret, KeyPair sender, byte[] salt)
            throws GeneralSecurityException {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes");
        }
        if (authSecret.length != AUTH_SECRET_BYTES) {
            throw new IllegalArgumentException("the auth secret has " + AUTH_SECRET_BYTES + " bytes");
        }
        ECPublicKey browser = P256.publicKey(browserKey);
        byte[] senderKey = P256.uncompressed((ECPublicKey) sender.getPublic());

        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(sender.getPrivate());
        ecdh.doPhase(browser, true);
        byte[] sharedSecret = ecdh.generateSecret();

        // RFC 8291 §3.3: the auth secret and both public keys go into the input keying material,
        // so the secret alone, without the subscription that knows it, decrypts nothing.
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), browserKey, senderKey);
        byte[] ikm = expand(hmac(authSecret, sharedSecret), keyInfo, 32);
        byte[] prk = hmac(salt, ikm);
        byte[] contentKey = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = LAST_RECORD;
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        byte[] ciphertext = aes.doFinal(record);

        return ByteBuffer.allocate(HEADER_BYTES + ciphertext.length)
                .put(salt).putInt(RECORD_SIZE).put((byte) senderKey.length).put(senderKey)
                .put(ciphertext).array();
    }

    /** HKDF-Extract (RFC 5869) is one HMAC keyed with the salt. */
    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** HKDF-Expand for at most one hash length: one HMAC over the info and the counter 1. */
    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
