package ru.gospochta.gateway.internal.security;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.gateway.internal.GatewayProperties;
import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.StartupProblem;

/**
 * The keys access tokens are signed with (GW-1): the newest signs, the ones it replaced still
 * verify for {@code gospochta.gateway.signing-key-retention}, so a rotation refuses no token
 * issued before it. All of them are published at the JWK Set endpoint.
 *
 * <p>The ring is a folder with one PEM file per key, named for the moment the key was made.
 * A folder rather than a database table, because a private key in the database would go into
 * every backup and to everyone who may read the schema, and the platform has no key to encrypt it
 * with that does not itself live on disk. Nodes of a cluster share the folder
 * ({@code gospochta.gateway.signing-keys-folder}); each reads it again every few seconds, and at
 * once when a token names a key it has not seen, so another node's rotation is verified here from
 * the first token and signs here within seconds.
 *
 * <p>{@code gospochta.gateway.signing-key-file} instead names a single key the operator rotates
 * outside the application; the ring is then that key alone and refuses to rotate.
 */
@Component
class TokenKeyRing {

    /** Where the single key lived in the data directory before keys were rotated; adopted as the ring's first. */
    static final String EARLIER_FILE = "gateway-token-signing.pem";
    static final String FOLDER = "token-signing";

    private static final Logger log = LoggerFactory.getLogger(TokenKeyRing.class);
    private static final Pattern KEY_FILE = Pattern.compile("token-signing-(\\d{1,19})-[A-Za-z0-9_-]{1,64}\\.pem");
    private static final long RECHECK_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long UNKNOWN_KEY_RECHECK_NANOS = Duration.ofSeconds(1).toNanos();

    /** One key of the ring; its id is the key's thumbprint. */
    record TokenKey(String kid, Instant createdAt, RSAKey jwk, @Nullable Path file) {
    }

    /** A key as operators see it, never its private part. */
    record KeyState(String kid, Instant createdAt, boolean current, @Nullable Instant verifiesUntil) {
    }

    record Status(String keptIn, boolean rotatable, Duration retention, List<KeyState> keys) {
    }

    record Rotation(String kid, Instant createdAt, String previousKid, List<String> dropped) {
    }

    /** The key is the operator's file: it is replaced outside the application, not rotated by it. */
    static final class RotationManagedOutside extends IllegalStateException {

        RotationManagedOutside(String keptIn) {
            super("The token signing key is " + keptIn + ", set by gospochta.gateway.signing-key-file, and is rotated"
                    + " outside the application: replace the file on every node. To rotate here, remove that setting"
                    + " so the key ring of the data directory or of gospochta.gateway.signing-keys-folder is used.");
        }
    }

    private final @Nullable Path folder;
    private final String keptIn;
    private final Duration retention;
    private final Clock clock;
    private final AuditLog audit;
    /** Keys already read, by file name, so a re-read parses only new files. */
    private final Map<String, TokenKey> read = new HashMap<>();
    /** Newest first; never empty. */
    private volatile List<TokenKey> keys;
    private volatile long readAt = System.nanoTime();
    private volatile long unknownKeyReadAt = System.nanoTime() - UNKNOWN_KEY_RECHECK_NANOS;

    TokenKeyRing(GatewayProperties properties, DataDirectory dataDirectory, Clock clock, AuditLog audit) {
        this.retention = properties.signingKeyRetention();
        this.clock = clock;
        this.audit = audit;
        Path file = properties.signingKeyFile();
        if (file != null) {
            this.folder = null;
            this.keptIn = "the file " + file;
            this.keys = List.of(single(file));
            return;
        }
        Path configured = properties.signingKeysFolder();
        if (configured != null && !Files.isDirectory(configured)) {
            throw new StartupProblem("The token signing keys folder " + configured + " does not exist.",
                    "Point gospochta.gateway.signing-keys-folder at a folder every node shares and may write, or leave it empty.");
        }
        this.folder = configured != null ? configured : dataDirectory.folder("keys").resolve(FOLDER);
        this.keptIn = "the folder " + folder;
        try {
            Files.createDirectories(folder);
            if (configured == null) {
                adoptEarlierKey(dataDirectory.folder("keys").resolve(EARLIER_FILE));
            }
            this.keys = List.of();
            reload();
            if (keys.isEmpty()) {
                add(Instant.ofEpochMilli(clock.millis()));
                log.info("Generated the first token signing key in {}; nodes of a cluster must share this folder"
                        + " (gospochta.gateway.signing-keys-folder)", folder);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The token signing keys in " + folder + " cannot be read or written (" + e.getMessage() + ").",
                    "Check that this process may read and write the folder and that each key file holds an RSA private key in PKCS#8 PEM form.", e);
        }
    }

    /** The key that signs new tokens. */
    TokenKey current() {
        recheck(RECHECK_NANOS);
        return keys.getFirst();
    }

    /**
     * The keys in force that match: what the token issuer signs with and publishes, and what the
     * API verifies with. A key id not found here may be another node's new key: the folder is
     * read again then, at most once a second, so forged ids cannot make every call read it.
     */
    List<JWK> select(JWKSelector selector) {
        recheck(RECHECK_NANOS);
        List<JWK> found = selector.select(inForce());
        if (found.isEmpty() && folder != null && System.nanoTime() - unknownKeyReadAt >= UNKNOWN_KEY_RECHECK_NANOS) {
            unknownKeyReadAt = System.nanoTime();
            recheck(0);
            found = selector.select(inForce());
        }
        return found;
    }

    Status status() {
        recheck(RECHECK_NANOS);
        List<TokenKey> held = inForceKeys(clock.instant());
        List<KeyState> states = new ArrayList<>(held.size());
        for (int i = 0; i < held.size(); i++) {
            Instant until = i == 0 ? null : held.get(i - 1).createdAt().plus(retention);
            states.add(new KeyState(held.get(i).kid(), held.get(i).createdAt(), i == 0, until));
        }
        return new Status(keptIn, folder != null, retention, states);
    }

    /**
     * Makes a new key current; the one it replaces verifies for the retention, keys past it are
     * deleted from the folder.
     *
     * @param actor who asked, as the audit log names actors, e.g. {@code staff:admin}
     * @throws RotationManagedOutside when the key is the operator's configured file
     */
    synchronized Rotation rotate(String actor) {
        if (folder == null) {
            audit.record(AuditEntry.of(actor, "gateway.token-key.rotate", "token-key:" + keys.getFirst().kid(),
                    AuditOutcome.FAILURE).with("reason", "managed-outside"));
            throw new RotationManagedOutside(keptIn);
        }
        try {
            reload();
            TokenKey previous = keys.getFirst();
            // Newer than the newest key, even when this node's clock is behind another's: the newest signs.
            Instant now = clock.instant();
            Instant created = Instant.ofEpochMilli(Math.max(now.toEpochMilli(), previous.createdAt().toEpochMilli() + 1));
            TokenKey made = add(created);
            List<String> dropped = dropExpired(now);
            AuditEntry entry = AuditEntry.of(actor, "gateway.token-key.rotate", "token-key:" + made.kid(), AuditOutcome.SUCCESS)
                    .with("previous", previous.kid());
            audit.record(dropped.isEmpty() ? entry : entry.with("dropped", String.join(" ", dropped)));
            log.info("Token signing key rotated: {} signs from now, {} verifies until {}, dropped {}", made.kid(),
                    previous.kid(), created.plus(retention), dropped);
            return new Rotation(made.kid(), made.createdAt(), previous.kid(), dropped);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the token signing key could not be rotated in " + folder, e);
        }
    }

    private JWKSet inForce() {
        return new JWKSet(inForceKeys(clock.instant()).stream().<JWK>map(TokenKey::jwk).toList());
    }

    /** The current key and those replaced less than the retention ago, newest first. */
    private List<TokenKey> inForceKeys(Instant now) {
        List<TokenKey> all = keys;
        List<TokenKey> held = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (i == 0 || now.isBefore(all.get(i - 1).createdAt().plus(retention))) {
                held.add(all.get(i));
            }
        }
        return held;
    }

    private TokenKey add(Instant created) throws IOException, GeneralSecurityException {
        RSAPrivateCrtKey key = TokenKeyFiles.generate();
        RSAKey jwk = TokenKeyFiles.jwk(key);
        Path file = folder().resolve("token-signing-" + created.toEpochMilli() + "-" + jwk.getKeyID() + ".pem");
        TokenKeyFiles.write(file, key);
        reload();
        return new TokenKey(jwk.getKeyID(), created, jwk, file);
    }

    private List<String> dropExpired(Instant now) throws IOException {
        List<TokenKey> held = inForceKeys(now);
        List<String> dropped = new ArrayList<>();
        for (TokenKey key : keys) {
            if (!held.contains(key) && key.file() != null) {
                Files.deleteIfExists(key.file());
                dropped.add(key.kid());
            }
        }
        reload();
        return dropped;
    }

    /** Reads the folder again when the last read is older than given. */
    private void recheck(long olderThanNanos) {
        if (folder == null || System.nanoTime() - readAt < olderThanNanos) {
            return;
        }
        synchronized (this) {
            if (olderThanNanos > 0 && System.nanoTime() - readAt < olderThanNanos) {
                return;
            }
            try {
                reload();
            } catch (IOException e) {
                // A shared folder briefly out of reach keeps the keys already read.
                readAt = System.nanoTime();
                log.warn("The token signing keys folder {} cannot be read ({}); going on with the keys read before", folder,
                        e.getMessage());
            }
        }
    }

    private synchronized void reload() throws IOException {
        Map<String, TokenKey> seen = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = KEY_FILE.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                TokenKey key = read.get(name);
                if (key == null) {
                    try {
                        RSAKey jwk = TokenKeyFiles.jwk(TokenKeyFiles.read(file));
                        key = new TokenKey(jwk.getKeyID(), Instant.ofEpochMilli(Long.parseLong(m.group(1))), jwk, file);
                    } catch (GeneralSecurityException | IOException | NumberFormatException unreadable) {
                        log.warn("Skipping the token signing key file {}: {}", file, unreadable.getMessage());
                        continue;
                    }
                }
                seen.put(name, key);
            }
        }
        read.clear();
        read.putAll(seen);
        readAt = System.nanoTime();
        if (seen.isEmpty() && !keys.isEmpty()) {
            log.warn("The token signing keys folder {} holds no key now; going on with the keys read before", folder);
            return;
        }
        keys = seen.values().stream()
                .sorted(Comparator.comparing(TokenKey::createdAt).reversed().thenComparing(TokenKey::kid))
                .toList();
    }

    /** The key of the data directory from before rotation: it keeps signing, so tokens already out stay good. */
    private void adoptEarlierKey(Path earlier) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(earlier)) {
            return;
        }
        RSAKey jwk = TokenKeyFiles.jwk(TokenKeyFiles.read(earlier));
        long created = Files.getLastModifiedTime(earlier).toMillis();
        Files.move(earlier, folder().resolve("token-signing-" + created + "-" + jwk.getKeyID() + ".pem"),
                StandardCopyOption.ATOMIC_MOVE);
        log.info("Moved the token signing key {} into the key ring {}", earlier, folder);
    }

    private TokenKey single(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StartupProblem("The token signing key file " + file + " does not exist.",
                    "Point gospochta.gateway.signing-key-file at a PKCS#8 PEM file with an RSA private key, or leave it empty.");
        }
        try {
            RSAKey jwk = TokenKeyFiles.jwk(TokenKeyFiles.read(file));
            return new TokenKey(jwk.getKeyID(), Files.getLastModifiedTime(file).toInstant(), jwk, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The token signing key in " + file + " cannot be read (" + e.getMessage() + ").",
                    "Check that the file holds an RSA private key in PKCS#8 PEM form and that this process may read it.", e);
        }
    }

    private Path folder() {
        Path at = folder;
        if (at == null) {
            throw new IllegalStateException("a configured key file has no folder");
        }
        return at;
    }
}
