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
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.MailProperties.DkimAlgorithm;
import ru.gospochta.platform.StartupProblem;

/**
 * A DKIM signing key and the DNS record that publishes its public half. Either the operator's
 * PEM file, shared by every node, or a key generated at first start into the data directory,
 * readable by its owner only. RSA signs through the JDK; Ed25519 (RFC 8463) through Bouncy
 * Castle, whose implementation is more than ten times faster than the JDK's here.
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

    private final DkimAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final @Nullable Ed25519PrivateKeyParameters ed25519;
    private final String domain;
    private final String selector;

    DkimKey(PrivateKey privateKey, String domain, String selector) {
        this.algorithm = privateKey instanceof EdECPrivateKey ? DkimAlgorithm.ED25519_SHA256 : DkimAlgorithm.RSA_SHA256;
        this.privateKey = privateKey;
        this.ed25519 = privateKey instanceof EdECPrivateKey ed ? new Ed25519PrivateKeyParameters(
                ed.getBytes().orElseThrow(() -> new IllegalArgumentException("the Ed25519 key has no private bytes")), 0) : null;
        this.domain = domain;
        this.selector = selector;
    }

    /** Every key the configured algorithms need, in their order. */
    static List<DkimKey> load(MailProperties properties, DataDirectory dataDirectory) {
        MailProperties.Dkim dkim = properties.dkim();
        List<DkimKey> keys = new ArrayList<>();
        for (DkimAlgorithm algorithm : dkim.algorithms().stream().distinct().toList()) {
            boolean rsa = algorithm == DkimAlgorithm.RSA_SHA256;
            String selector = rsa ? dkim.selector() : dkim.ed25519Selector();
            Path configured = rsa ? dkim.keyFile() : dkim.ed25519KeyFile();
            PrivateKey key = configured != null ? configured(configured, algorithm)
                    : generatedIn(dataDirectory.folder("keys").resolve("dkim-" + selector + ".pem"), algorithm);
            keys.add(new DkimKey(key, properties.dkimDomain(), selector));
        }
        return keys;
    }

    DkimAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The signature over the canonical header data: RSASSA-PKCS1-v1_5 with SHA-256, or for
     * Ed25519 PureEdDSA over the SHA-256 hash of the data (RFC 8463 §3).
     */
    byte[] sign(byte[] data) throws GeneralSecurityException {
        if (ed25519 != null) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, ed25519);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            signer.update(hash, 0, hash.length);
            return signer.generateSignature();
        }
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(privateKey);
        rsa.update(data);
        return rsa.sign();
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
        if (ed25519 != null) {
            // RFC 8463 §4: the bare 32 octets of the public key, not a SubjectPublicKeyInfo.
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(ed25519.generatePublicKey().getEncoded());
        }
        try {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) privateKey;
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
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

    private static PrivateKey configured(Path file, DkimAlgorithm algorithm) {
        boolean rsa = algorithm == DkimAlgorithm.RSA_SHA256;
        String property = rsa ? "gospochta.mail.dkim.key-file" : "gospochta.mail.dkim.ed25519-key-file";
        if (!Files.isRegularFile(file)) {
            throw new StartupProblem("The DKIM key file " + file + " does not exist.",
                    "Point " + property + " at an " + (rsa ? "RSA" : "Ed25519")
                            + " private key in PKCS#8 PEM form, or leave it empty to have one generated.");
        }
        try {
            return read(file, algorithm);
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The DKIM key in " + file + " cannot be read (" + e.getMessage() + ").", rsa
                    ? "Give an RSA private key of at least 2048 bits in PKCS#8 PEM form (\"BEGIN PRIVATE KEY\");"
                            + " convert an older one with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out dkim.pem"
                    : "Give an Ed25519 private key in PKCS#8 PEM form, as made by: openssl genpkey -algorithm ed25519 -out dkim-ed25519.pem", e);
        }
    }

    private static PrivateKey generatedIn(Path file, DkimAlgorithm algorithm) {
        try {
            if (Files.isRegularFile(file)) {
                return read(file, algorithm);
            }
            PrivateKey key;
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(GENERATED_BITS);
                key = generator.generateKeyPair().getPrivate();
            } else {
                key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
            }
            write(file, key);
            log.info("Generated the DKIM key in {}; nodes of a cluster must share one key (gospochta.mail.dkim.key-file)", file);
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The DKIM key in " + file + " cannot be read or written (" + e.getMessage() + ").",
                    "Check the permissions of " + file.getParent() + ", or configure gospochta.mail.dkim.key-file.", e);
        }
    }

    private static PrivateKey read(Path file, DkimAlgorithm algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains(BEGIN)) {
            throw new GeneralSecurityException("no \"" + BEGIN + "\" block");
        }
        String body = pem.substring(pem.indexOf(BEGIN) + BEGIN.length(), pem.contains(END) ? pem.indexOf(END) : pem.length())
                .replaceAll("\\s", "");
        if (algorithm == DkimAlgorithm.ED25519_SHA256) {
            try {
                return (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            } catch (ClassCastException | IllegalArgumentException | GeneralSecurityException notAnEdKey) {
                throw new GeneralSecurityException("not an Ed25519 private key in PKCS#8 PEM form", notAnEdKey);
            }
        }
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
    private static void write(Path file, PrivateKey key) throws IOException {
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
