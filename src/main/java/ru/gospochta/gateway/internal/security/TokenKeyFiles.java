package ru.gospochta.gateway.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Token signing keys on disk: one RSA private key per PKCS#8 PEM file, readable by its owner only,
 * and the same key as a JSON Web Key whose id is its thumbprint, so every node names a key alike.
 */
final class TokenKeyFiles {

    private static final int KEY_BITS = 3072;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private TokenKeyFiles() {
    }

    static RSAPrivateCrtKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (ClassCastException | IllegalArgumentException notAnRsaKey) {
            throw new GeneralSecurityException("not an RSA private key in PKCS#8 PEM form", notAnRsaKey);
        }
    }

    static RSAPrivateCrtKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    /**
     * Written to a temporary file of the same folder and moved into place, so a node reading the
     * folder meanwhile never sees half a key.
     */
    static void write(Path file, RSAPrivateCrtKey key) throws IOException {
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n" + END + "\n";
        Path temp = Files.createTempFile(file.getParent(), ".token-signing", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The key pair as a JSON Web Key for RS256; its public half is what the JWK Set endpoint publishes. */
    static RSAKey jwk(RSAPrivateCrtKey key) throws GeneralSecurityException {
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        try {
            return new RSAKey.Builder(publicKey).privateKey(key).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new GeneralSecurityException("cannot compute the key's thumbprint", e);
        }
    }
}
