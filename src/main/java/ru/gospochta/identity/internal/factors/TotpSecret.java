package ru.gospochta.identity.internal.factors;

import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/**
 * The shared key of a TOTP app. Authenticator apps exchange it as RFC 4648 Base32 (upper-case
 * A–Z and 2–7, no padding); the server keeps the raw bytes, sealed at rest, because it must
 * compute codes from them.
 */
public final class TotpSecret {

    /** RFC 4226 requires at least 128 bits and recommends 160. */
    public static final int MIN_BYTES = 16;
    public static final int MAX_BYTES = 64;

    private static final Base32 BASE32 = Base32.builder().setDecodingPolicy(CodecPolicy.STRICT).get();
    private static final Pattern BASE32_TEXT = Pattern.compile("[A-Z2-7]+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    private final byte[] bytes;

    private TotpSecret(byte[] bytes) {
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a TOTP secret holds " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public static TotpSecret of(byte[] bytes) {
        return new TotpSecret(bytes);
    }

    /** Reads the Base32 form, as displayed or typed: case, spaces, hyphens and padding are forgiven. */
    public static TotpSecret fromBase32(String text) {
        String compact = SEPARATORS.matcher(text).replaceAll("").replace("=", "").toUpperCase(Locale.ROOT);
        int tail = compact.length() % 8;
        if (!BASE32_TEXT.matcher(compact).matches() || tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException("not a Base32 TOTP secret");
        }
        return new TotpSecret(BASE32.decode(compact));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The form authenticator apps read from the otpauth URI. */
    public String base32() {
        return BASE32.encodeToString(bytes).replace("=", "");
    }

    /** Groups of four for typing the key by hand when the camera cannot read the QR code. */
    public String displayed() {
        String plain = base32();
        StringBuilder grouped = new StringBuilder(plain.length() + plain.length() / 4);
        for (int i = 0; i < plain.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(plain, i, Math.min(i + 4, plain.length()));
        }
        return grouped.toString();
    }

    @Override
    public String toString() {
        return "TotpSecret[hidden]";
    }
}
