package ru.gospochta.mailbox.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gospochta.platform.StartupProblem;

/**
 * Master keys in a file of the data directory, one {@code version:base64} line each, readable by
 * the owner only: made at first start so the default run needs no setup and no key is ever
 * committed. Fit for one node; a cluster shares a keystore instead.
 */
public final class GeneratedMasterKeys implements MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(GeneratedMasterKeys.class);
    private static final String HEADER = "# Gospochta mailbox master keys (version:base64 AES-256). Secret: back it up"
            + " with the database, never commit it.";

    private final Path file;
    private volatile NavigableMap<Integer, MasterKey> keys;

    private GeneratedMasterKeys(Path file, NavigableMap<Integer, MasterKey> keys) {
        this.file = file;
        this.keys = keys;
    }

    /** Reads the file, or creates it with version 1 when there is none. */
    public static GeneratedMasterKeys open(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return new GeneratedMasterKeys(file, read(file));
            }
            NavigableMap<Integer, MasterKey> first = new TreeMap<>(Map.of(1, new MasterKey(1, Aead.newKey())));
            write(file, first);
            log.info("Generated the mailbox master key in {}; back it up with the database", file);
            return new GeneratedMasterKeys(file, first);
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("The mailbox master key file " + file + " cannot be read or written (" + e.getMessage() + ").",
                    "Check the permissions of " + file.getParent() + ", or configure gospochta.mailbox.master-key-file.", e);
        }
    }

    @Override
    public MasterKey current() {
        return keys.lastEntry().getValue();
    }

    @Override
    public MasterKey version(int version) {
        MasterKey key = keys.get(version);
        if (key == null) {
            throw new MasterKeyMissing(version, describe());
        }
        return key;
    }

    @Override
    public List<Integer> versions() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public synchronized MasterKey rotate() {
        NavigableMap<Integer, MasterKey> more = new TreeMap<>(keys);
        int version = more.lastKey() + 1;
        MasterKey next = new MasterKey(version, Aead.newKey());
        more.put(version, next);
        store(more);
        return next;
    }

    @Override
    public synchronized List<Integer> retireAllBut(int version) {
        MasterKey kept = version(version);
        List<Integer> dropped = keys.keySet().stream().filter(v -> v != version).toList();
        if (!dropped.isEmpty()) {
            store(new TreeMap<>(Map.of(version, kept)));
        }
        return dropped;
    }

    @Override
    public String describe() {
        return "the generated file " + file;
    }

    private void store(NavigableMap<Integer, MasterKey> next) {
        try {
            write(file, next);
        } catch (IOException e) {
            throw new UncheckedIOException("the mailbox master key file " + file + " cannot be written", e);
        }
        keys = next;
    }

    private static NavigableMap<Integer, MasterKey> read(Path file) throws IOException {
        NavigableMap<Integer, MasterKey> read = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("a line is not version:key");
            }
            int version = Integer.parseInt(entry.substring(0, colon));
            SecretKey key = Aead.key(Base64.getDecoder().decode(entry.substring(colon + 1)));
            read.put(version, new MasterKey(version, key));
        }
        if (read.isEmpty()) {
            throw new IllegalStateException("the file holds no key");
        }
        return read;
    }

    /** Written whole to a temporary file, synced and moved over the old one, so a crash never leaves half a file. */
    private static void write(Path file, NavigableMap<Integer, MasterKey> keys) throws IOException {
        Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        keys.values().forEach(k -> text.append(k.version()).append(':')
                .append(Base64.getEncoder().encodeToString(k.key().getEncoded())).append('\n'));
        Path temp = Files.createTempFile(folder, ".mailbox-master", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
