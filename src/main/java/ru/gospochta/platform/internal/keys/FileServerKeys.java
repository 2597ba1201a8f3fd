package ru.gospochta.platform.internal.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.PlatformProperties;
import ru.gospochta.platform.ServerKeys;

@Component
class FileServerKeys implements ServerKeys {

    private static final Logger log = LoggerFactory.getLogger(FileServerKeys.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int KEY_BYTES = 32;

    private final Map<String, String> configured;
    private final DataDirectory dataDirectory;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    FileServerKeys(PlatformProperties properties, DataDirectory dataDirectory) {
        this.configured = properties.keys();
        this.dataDirectory = dataDirectory;
    }

    @Override
    public byte[] key(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a key name: " + name);
        }
        return loaded.computeIfAbsent(name, this::load).clone();
    }

    private byte[] load(String name) {
        String fromConfig = configured.get(name);
        if (fromConfig != null && !fromConfig.isBlank()) {
            byte[] key = Base64.getDecoder().decode(fromConfig.strip());
            if (key.length < KEY_BYTES) {
                throw new IllegalStateException("gospochta.keys." + name + " must hold at least " + KEY_BYTES + " bytes");
            }
            return key;
        }
        Path file = dataDirectory.folder("keys").resolve(name + ".key");
        try {
            if (Files.isRegularFile(file)) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            byte[] key = new byte[KEY_BYTES];
            random.nextBytes(key);
            Path temp = Files.createTempFile(file.getParent(), "." + name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated server key '{}' in {}; nodes of a cluster must share it (gospochta.keys.{})", name, file, name);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("server key " + name + " cannot be read or written in " + file, e);
        }
    }
}
