package ru.gospochta.platform.internal.mail;

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
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.StartupProblem;

/**
 * The DKIM signing key and the DNS record that publishes its public half. Either the operator's
 * PEM file, shared by every node, or a key generated at first start into the data directory,
 * readable by its owner only.
 */
final class DkimKey {

    private static final Logger log = LoggerFactory.getLogger(DkimKey.class);
    private static final int GENERATED_BITS = 2048;
    /** RFC 8301: verifiers refuse RSA keys below 1024 bits. */
    private static final int MINIMUM_BITS = 1024;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    /** One character-string of a TXT record holds at most 255 octets. */
    private static final int TXT_STRING = 255;

    private final RSAPrivateCrtKey privateKey;
    private final String domain;
    private final String selector;

    DkimKey(RSAPrivateCrtKey privateKey, String domain, String selector) {
        this.privateKey = privateKey;
        this.domain = domain;
        this.selector = selector;
    }

    static DkimKey load(MailProperties properties, DataDirectory dataDirectory) {
        MailProperties.Dkim dkim = properties.dkim();
        Path configured = dkim.keyFile();
        RSAPrivateCrtKey key = configured != null ? configured(configured)
                : generatedIn(dataDirectory.folder("keys").resolve("dkim-" + dkim.selector() + ".pem"));
        return new DkimKey(key, properties.dkimDomain(), dkim.selector());
    }

    RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    String domain() {
        return domain;
    }

    String selector() {
        return selector;
    }

    /** The DNS name the public key is looked up under. */
    String recordName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record's text, as a verifier reads it once the strings are joined. */
    String recordValue() {
        try {
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()))
                    .getEncoded();
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the public half of the DKIM key cannot be derived", e);
        }
    }

    /** The record as a zone file line; a 2048-bit key needs more than one 255-octet string. */
    String zoneFileLine() {
        String value = recordValue();
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += TXT_STRING) {
            strings.add('"' + value.substring(start, Math.min(value.length(), start + TXT_STRING)) + '"');
        }
        return recordName() + ". IN TXT " + String.join(" ", strings);
    }

    private static RSAPrivateCrtKey configured(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StartupProblem("The DKIM key file " + file + " does not exist.",
                    "Point gospochta.mail.dkim.key-file at an RSA private key in PKCS#8 PEM form, or leave it empty to have one generated.");
        }
        try {
            return read(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The DKIM key in " + file + " cannot be read (" + e.getMessage() + ").",
                    "Give an RSA private key of at least 2048 bits in PKCS#8 PEM form (\"BEGIN PRIVATE KEY\");"
                            + " convert an older one with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out dkim.pem", e);
        }
    }

    private static RSAPrivateCrtKey generatedIn(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return read(file);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_BITS);
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
            write(file, key);
            log.info("Generated the DKIM key in {}; nodes of a cluster must share one key (gospochta.mail.dkim.key-file)", file);
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The DKIM key in " + file + " cannot be read or written (" + e.getMessage() + ").",
                    "Check the permissions of " + file.getParent() + ", or configure gospochta.mail.dkim.key-file.", e);
        }
    }

    private static RSAPrivateCrtKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains(BEGIN)) {
            throw new GeneralSecurityException("no \"" + BEGIN + "\" block");
        }
        String body = pem.substring(pem.indexOf(BEGIN) + BEGIN.length(), pem.contains(END) ? pem.indexOf(END) : pem.length())
                .replaceAll("\\s", "");
        RSAPrivateCrtKey key;
        try {
            key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (ClassCastException | IllegalArgumentException notAnRsaKey) {
            throw new GeneralSecurityException("not an RSA private key in PKCS#8 PEM form", notAnRsaKey);
        }
        if (key.getModulus().bitLength() < MINIMUM_BITS) {
            throw new GeneralSecurityException("the key has " + key.getModulus().bitLength()
                    + " bits; receivers ignore DKIM keys below " + MINIMUM_BITS);
        }
        return key;
    }

    /** Written beside its place and moved in, so a reader never sees half a key. */
    private static void write(Path file, RSAPrivateCrtKey key) throws IOException {
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n" + END + "\n";
        Path temp = Files.createTempFile(file.getParent(), ".dkim", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
