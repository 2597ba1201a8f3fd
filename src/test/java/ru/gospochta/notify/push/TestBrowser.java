package ru.gospochta.notify.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of Web Push, written from RFC 8291 and RFC 8188 for tests and sharing no
 * code with the server: a browser's P-256 key pair and auth secret, as {@code PushManager.subscribe}
 * makes them, and the decryption a browser applies to a push message (any number of records,
 * padding, the delimiters). Checked against the example of RFC 8291 §5 in {@link WebPushDecryptionTests}.
 */
final class TestBrowser {

    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder UNBASE64URL = Base64.getUrlDecoder();

    final ECPrivateKey privateKey;
    final byte[] publicKey;
    final byte[] auth;

    private TestBrowser(ECPrivateKey privateKey, byte[] publicKey, byte[] auth) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.auth = auth;
    }

    static TestBrowser create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            return new TestBrowser((ECPrivateKey) pair.getPrivate(), point((ECPublicKey) pair.getPublic()), auth);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser with fixed keys, e.g. those of the RFC's example. */
    static TestBrowser of(byte[] privateScalar, byte[] publicKey, byte[] auth) throws GeneralSecurityException {
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, privateScalar), p256()));
        return new TestBrowser(key, publicKey, auth);
    }

    String p256dh() {
        return BASE64URL.encodeToString(publicKey);
    }

    String authSecret() {
        return BASE64URL.encodeToString(auth);
    }

    /** What {@code PushSubscription.toJSON()} gives for this browser and endpoint. */
    String subscriptionJson(String endpoint) {
        return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\"" + p256dh()
                + "\",\"auth\":\"" + authSecret() + "\"}}";
    }

    /** The header of an aes128gcm body (RFC 8188 §2.1). */
    record Header(byte[] salt, int recordSize, byte[] keyId) {
    }

    static Header header(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] keyId = new byte[in.get() & 0xff];
        in.get(keyId);
        return new Header(salt, recordSize, keyId);
    }

    /** The plaintext of a push message to this browser; throws when it was not encrypted for it. */
    byte[] decrypt(byte[] body) throws GeneralSecurityException {
        Header header = header(body);
        if (header.keyId().length != 65) {
            throw new GeneralSecurityException("the key id is not the sender's public key");
        }
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(privateKey);
        ecdh.doPhase(publicKey(header.keyId()), true);
        byte[] sharedSecret = ecdh.generateSecret();

        byte[] ikm = hkdf(auth, sharedSecret, concat(ascii("WebPush: info\0"), publicKey, header.keyId()), 32);
        byte[] contentKey = hkdf(header.salt(), ikm, ascii("Content-Encoding: aes128gcm\0"), 16);
        byte[] nonce = hkdf(header.salt(), ikm, ascii("Content-Encoding: nonce\0"), 12);

        int start = 16 + 4 + 1 + header.keyId().length;
        ByteBuffer plaintext = ByteBuffer.allocate(body.length);
        long sequence = 0;
        for (int offset = start; offset < body.length; offset += header.recordSize(), sequence++) {
            byte[] record = Arrays.copyOfRange(body, offset, Math.min(body.length, offset + header.recordSize()));
            boolean last = offset + header.recordSize() >= body.length;
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new GCMParameterSpec(128, nonce(nonce, sequence)));
            byte[] padded = aes.doFinal(record);
            int delimiter = padded.length - 1;
            while (delimiter >= 0 && padded[delimiter] == 0) {
                delimiter--;
            }
            if (delimiter < 0 || padded[delimiter] != (last ? 2 : 1)) {
                throw new GeneralSecurityException("record " + sequence + " has no proper delimiter");
            }
            plaintext.put(padded, 0, delimiter);
        }
        return Arrays.copyOf(plaintext.array(), plaintext.position());
    }

    /** RFC 8188 §2.3: the record's sequence number XORed into the last bytes of the nonce. */
    private static byte[] nonce(byte[] base, long sequence) {
        byte[] nonce = base.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }

    /** HKDF-SHA-256 (RFC 5869), extract then expand, for at most 32 bytes. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = hmac(salt, ikm);
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed point");
        }
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p256()));
    }

    static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        fixed(key.getW().getAffineX(), out, 1);
        fixed(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void fixed(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
