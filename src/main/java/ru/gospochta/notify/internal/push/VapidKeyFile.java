package ru.gospochta.notify.internal.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VAPID key on disk: one P-256 private key in PKCS#8 PEM form, readable by its owner only.
 * Other blocks in the file (the curve's parameters that some tools write first) are passed over.
 */
final class VapidKeyFile {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private VapidKeyFile() {
    }

    static ECPrivateKey read(Path file) throws IOException, GeneralSecurityException {
        Matcher pem = PRIVATE_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new GeneralSecurityException("no PKCS#8 private key (BEGIN PRIVATE KEY) in the file");
        }
        try {
            ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1))));
            if (!P256.isP256(key)) {
                throw new GeneralSecurityException("the key is not on the P-256 curve");
            }
            return key;
        } catch (ClassCastException | IllegalArgumentException notAnEcKey) {
            throw new GeneralSecurityException("not an EC private key in PKCS#8 PEM form", notAnEcKey);
        }
    }

    static ECPrivateKey generate() throws GeneralSecurityException {
        return (ECPrivateKey) P256.generator().generateKeyPair().getPrivate();
    }

    /**
     * Written to a temporary file of the same folder and moved into place, so a node reading the
     * folder meanwhile never sees half a key.
     */
    static void write(Path file, ECPrivateKey key) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path temp = Files.createTempFile(file.getParent(), ".vapid", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
