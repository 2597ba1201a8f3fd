package ru.gospochta.identity.internal.factors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as Google Authenticator, Authy and Яндекс Ключ
 * compute them: HMAC-SHA1, six digits, 30-second steps counted from the Unix epoch (ACC-3).
 * The caller persists the step each successful check returns, so a code seen once — over a
 * shoulder or by a phishing page — cannot be used again.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final Duration STEP = Duration.ofSeconds(30);
    /** Pass as {@code lastUsedStep} for an account that has never used its code. */
    public static final long NO_STEP_USED = -1;

    /** One step either side forgives a phone clock that drifts or a code typed as it changes. */
    private static final int WINDOW = 1;
    private static final int SECRET_BYTES = 20;
    private static final int MAX_TYPED_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = clock;
    }

    /** 160 random bits, the size RFC 4226 recommends and every authenticator app accepts. */
    public static TotpSecret newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return TotpSecret.of(bytes);
    }

    /**
     * @param code         as typed; spaces are ignored
     * @param lastUsedStep the step returned by the account's last successful check, or
     *                     {@link #NO_STEP_USED}
     * @return the step the code belongs to, to be stored as the new last used step; empty when
     *         the code is wrong, outside the window or not newer than the last used one
     */
    public OptionalLong verify(TotpSecret secret, String code, long lastUsedStep) {
        byte[] typed = digits(code);
        if (typed.length == 0) {
            return OptionalLong.empty();
        }
        long current = stepAt(clock.instant());
        long matched = Long.MIN_VALUE;
        // Every step in the window is computed and compared, so the time taken says nothing about
        // which step matched; the latest match wins so that no newer step is left open to replay.
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            boolean equal = MessageDigest.isEqual(typed, code(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (equal && step > lastUsedStep) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    public String codeAt(TotpSecret secret, Instant instant) {
        return code(secret, stepAt(instant));
    }

    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
    }

    /**
     * The Key URI Format that authenticator apps read from the enrolment QR code. The issuer is
     * given twice — as the label's prefix and as a parameter — because older apps read only one.
     *
     * @param accountLabel what the app lists under the issuer, e.g. a masked phone number
     */
    public String otpauthUri(TotpSecret secret, String issuer, String accountLabel) {
        requireLabelPart(issuer, "issuer");
        requireLabelPart(accountLabel, "account label");
        return "otpauth://totp/" + UriComponent.encode(issuer) + ":" + UriComponent.encode(accountLabel)
                + "?secret=" + secret.base32()
                + "&issuer=" + UriComponent.encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static void requireLabelPart(String value, String what) {
        // The colon separates issuer from account in the label; apps split on the first one.
        if (value.isBlank() || value.indexOf(':') >= 0 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be non-blank, without colons or control characters");
        }
    }

    /** The typed code's six ASCII digits, or an empty array when it is anything else. */
    private static byte[] digits(String code) {
        if (code.length() > MAX_TYPED_LENGTH) {
            return new byte[0];
        }
        byte[] digits = new byte[DIGITS];
        int count = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == ' ' || c == '\u00a0') {
                continue;
            }
            if (c < '0' || c > '9' || count == DIGITS) {
                return new byte[0];
            }
            digits[count++] = (byte) c;
        }
        return count == DIGITS ? digits : new byte[0];
    }

    private static String code(TotpSecret secret, long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
        }
        // RFC 4226 §5.3 dynamic truncation.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    }
}
