package ru.gospochta.gateway.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gospochta.gateway.internal.GatewayProperties;
import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.StartupProblem;

/**
 * The RSA key access tokens are signed with. Taken from {@code gospochta.gateway.signing-key-file}
 * when set (every node of a cluster must share it), else from the data directory, where it is
 * generated at first start and readable by the owner only. No key is ever committed.
 */
@Component
class TokenSigningKey {

    static final String DEFAULT_FILE = "gateway-token-signing.pem";
    private static final Logger log = LoggerFactory.getLogger(TokenSigningKey.class);
    private static final int KEY_BITS = 3072;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final RSAKey jwk;

    TokenSigningKey(GatewayProperties properties, DataDirectory dataDirectory) {
        Path configured = properties.signingKeyFile();
        Path file = configured != null ? configured : dataDirectory.folder("keys").resolve(DEFAULT_FILE);
        if (configured != null && !Files.isRegularFile(configured)) {
            throw new StartupProblem("The token signing key file " + configured + " does not exist.",
                    "Point gospochta.gateway.signing-key-file at a PKCS#8 PEM file with an RSA private key, or leave it empty.");
        }
        try {
            RSAPrivateCrtKey key = Files.isRegularFile(file) ? read(file) : generate(file);
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            this.jwk = new RSAKey.Builder(publicKey).privateKey(key).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (IOException | GeneralSecurityException | JOSEException | ClassCastException e) {
            throw new StartupProblem("The token signing key in " + file + " cannot be read or written (" + e.getMessage() + ").",
                    "Check that the file holds an RSA private key in PKCS#8 PEM form and that this process may read it.", e);
        }
    }

    /** The key pair as a JSON Web Key; its public half is published at the JWK Set endpoint. */
    RSAKey jwk() {
        return jwk;
    }

    RSAPublicKey publicKey() {
        try {
            return jwk.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPrivateCrtKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static RSAPrivateCrtKey generate(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS);
        KeyPair pair = generator.generateKeyPair();
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n" + END + "\n";
        Path temp = Files.createTempFile(file.getParent(), ".gateway-token-signing", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated the token signing key in {}; nodes of a cluster must share it (gospochta.gateway.signing-key-file)", file);
        return (RSAPrivateCrtKey) pair.getPrivate();
    }
}
