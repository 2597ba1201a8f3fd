package ru.gospochta.identity.internal.factors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Six-digit codes sent by SMS or e-mail (ACC-1, ACC-3, ACC-5, CNT-2). A million possible codes
 * are too few for a plain hash — anyone with the table would try them all — so the stored form
 * is an HMAC under a server key, and it binds the code to its purpose and target: a sign-in
 * code never confirms a phone, and a code sent to one phone never works for another.
 */
public final class OneTimeCode {

    public static final int DIGITS = 6;

    /** What a code was sent for. The key is part of every stored hash: never rename one. */
    public enum Purpose {
        /** ACC-1: the phone given at registration. */
        REGISTRATION("registration"),
        /** ACC-3: the SMS second factor. */
        SIGN_IN("sign-in"),
        /** ACC-5: «Забыли пароль?». */
        PASSWORD_RECOVERY("password-recovery"),
        /** CNT-2, CNT-5: a new e-mail address or phone. */
        CONTACT_CONFIRMATION("contact-confirmation"),
        /** CNT-3: the person re-checked before contact data changes. */
        REAUTHENTICATION("reauthentication"),
        /** CNT-5: the number an account moves to, proven to reach the person. */
        PHONE_CHANGE("phone-change"),
        /** CNT-5: a backup phone being added or replaced. */
        BACKUP_PHONE("backup-phone"),
        /** ACC-5, CNT-7: the new phone of a request to restore access through support. */
        SUPPORT_RECOVERY("support-recovery");

        private final String key;

        Purpose(String key) {
            this.key = key;
        }
    }

    private static final String ALGORITHM = "HmacSHA256";
    private static final String DOMAIN = "gospochta/one-time-code/v1";
    private static final int MAX_TYPED_LENGTH = 32;
    private static final int MIN_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param key the server key {@code one-time-code}, shared by every node */
    public OneTimeCode(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the one-time-code key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public static String newCode() {
        return String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
    }

    /**
     * @param target the phone in E.164 or the e-mail address, in the one canonical form the
     *               caller also uses when checking
     * @return URL-safe base64 of the HMAC, 43 characters, to be stored instead of the code
     */
    public String hash(String code, Purpose purpose, String target) {
        if (!isWellFormed(code)) {
            throw new IllegalArgumentException("a one-time code is " + DIGITS + " digits");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(code, purpose, target));
    }

    /** @param typed as typed; spaces are ignored, anything but six digits is refused unhashed */
    public boolean matches(String typed, Purpose purpose, String target, String storedHash) {
        if (typed.length() > MAX_TYPED_LENGTH) {
            return false;
        }
        String code = typed.replace(" ", "").replace("\u00a0", "");
        if (!isWellFormed(code)) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getUrlDecoder().decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(code, purpose, target), expected);
    }

    private static boolean isWellFormed(String code) {
        return code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Each field is length-prefixed, so no two different (purpose, target, code) read alike. */
    private byte[] mac(String code, Purpose purpose, String target) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (String field : new String[] {DOMAIN, purpose.key, target, code}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
