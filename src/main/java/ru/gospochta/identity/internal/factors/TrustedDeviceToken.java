package ru.gospochta.identity.internal.factors;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the cookie that spares a remembered device the second factor for 30 days
 * (ACC-3). It is self-contained and signed, so checking it needs no database lookup; the
 * password version inside lets a password change revoke every remembered device at once.
 *
 * <p>Layout before URL-safe base64: format version (1 byte), account id (16), device id (16),
 * expiry in epoch seconds (8), password version (4), HMAC-SHA256 of all of that (32).
 */
public final class TrustedDeviceToken {

    public static final Duration LIFETIME = Duration.ofDays(30);

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte FORMAT = 1;
    private static final int PAYLOAD_BYTES = 1 + 16 + 16 + 8 + 4;
    private static final int MAC_BYTES = 32;
    private static final int TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
    private static final int TOKEN_CHARS = (TOKEN_BYTES * 4 + 2) / 3;
    private static final int MIN_KEY_BYTES = 32;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param key the server key {@code trusted-device}, shared by every node */
    public TrustedDeviceToken(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the trusted-device key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A new device id each time: remembered devices can be listed and forgotten one by one. */
    public String issue(UUID account, int passwordVersion, Instant now) {
        if (passwordVersion < 0) {
            throw new IllegalArgumentException("password version cannot be negative");
        }
        UUID device = UUID.randomUUID();
        ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES)
                .put(FORMAT)
                .putLong(account.getMostSignificantBits()).putLong(account.getLeastSignificantBits())
                .putLong(device.getMostSignificantBits()).putLong(device.getLeastSignificantBits())
                .putLong(now.plus(LIFETIME).getEpochSecond())
                .putInt(passwordVersion);
        token.put(mac(Arrays.copyOf(token.array(), PAYLOAD_BYTES)));
        return ENCODER.encodeToString(token.array());
    }

    /** Empty for anything but an unexpired token signed with this key; never throws on garbage. */
    public Optional<TrustedDevice> verify(String cookieValue, Instant now) {
        if (cookieValue.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] token;
        try {
            token = DECODER.decode(cookieValue);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // The decoder ignores the unused bits of the last character; insisting on the canonical
        // form keeps one token from having several spellings.
        if (token.length != TOKEN_BYTES || !ENCODER.encodeToString(token).equals(cookieValue)) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(token, PAYLOAD_BYTES);
        byte[] signature = Arrays.copyOfRange(token, PAYLOAD_BYTES, TOKEN_BYTES);
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(payload);
        if (fields.get() != FORMAT) {
            return Optional.empty();
        }
        UUID account = new UUID(fields.getLong(), fields.getLong());
        UUID device = new UUID(fields.getLong(), fields.getLong());
        Instant expiresAt = Instant.ofEpochSecond(fields.getLong());
        int passwordVersion = fields.getInt();
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new TrustedDevice(account, device, passwordVersion, expiresAt));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
