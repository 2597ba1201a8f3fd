package ru.gospochta.gateway.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Makes client ids and secrets, and hashes secrets for storage. */
@Component
public class ClientSecrets {

    /** Lower-case letters and digits without the look-alikes l, o, 0 and 1, for ids read aloud or retyped. */
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int ID_LENGTH = 20;
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /**
     * Argon2id with OWASP's minimum (19 MiB, 2 iterations), as for staff passwords. The secrets are
     * random 256-bit values, so the slow hash protects little more than a fast one would; it is
     * kept so that every stored secret in the product is hashed the same way. The gateway keeps its
     * own instance: a change to how passwords are hashed must not lock agencies out.
     */
    private final PasswordEncoder hashing = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /** {@code gw-} and 20 characters: about 100 random bits, so ids cannot be guessed either. */
    public String newClientId() {
        StringBuilder id = new StringBuilder("gw-");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * 256 random bits in base64url: letters, digits, '-' and '_' only, so the secret needs no
     * escaping in an HTTP Basic header or a form field.
     */
    public String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String hash(String secret) {
        return hashing.encode(secret);
    }

    public boolean matches(String secret, String hash) {
        return hashing.matches(secret, hash);
    }

    /** The same hashing, for the token endpoint's client authentication. */
    public PasswordEncoder encoder() {
        return hashing;
    }
}
