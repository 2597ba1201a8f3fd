package ru.gospochta.gateway.internal.callbacks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import ru.gospochta.gateway.internal.ClientSecrets;
import ru.gospochta.platform.ServerKeys;

/**
 * The secrets callbacks are signed with (GW-3). A client secret only has to be recognised, so it is
 * kept as a hash; this one must be read back to compute each signature, so it is sealed instead:
 * AES-256-GCM under the server key {@code callback-secrets} (kept outside the database, shared by
 * every node), with the system's id as associated data, so a sealed secret copied to another
 * system's row does not open. A copy of the database alone reveals no secret.
 */
@Component
class CallbackSecrets {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final ClientSecrets secrets;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CallbackSecrets(ClientSecrets secrets, ServerKeys keys) {
        this.secrets = secrets;
        this.key = new SecretKeySpec(keys.key("callback-secrets"), 0, 32, "AES");
    }

    /** 256 random bits in base64url, as client secrets are: shown once, the receiver's HMAC key as typed. */
    String newSecret() {
        return secrets.newSecret();
    }

    byte[] seal(UUID systemId, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(bytes(systemId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    String open(UUID systemId, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(bytes(systemId));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a callback secret does not open: another server key, or not this system's", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
