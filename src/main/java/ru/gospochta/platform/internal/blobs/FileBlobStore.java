package ru.gospochta.platform.internal.blobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import ru.gospochta.platform.BlobStore;
import ru.gospochta.platform.DataDirectory;

/**
 * The default {@link BlobStore}: one file per key under {@code <data dir>/blobs}, the key's
 * slashes being folders. A put writes a temporary file next to the target, forces it to disk,
 * moves it into place atomically and forces the folder, so a crash leaves either the old content
 * or the new one and a returned put survives a power cut. Files are readable by the owner only.
 */
@Component
class FileBlobStore implements BlobStore {

    /** Lower-case segments of letters, digits, dots, hyphens and underscores; no "..", no empty segment. */
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}(/[a-z0-9][a-z0-9._-]{0,127}){0,15}");

    private final Path root;

    FileBlobStore(DataDirectory dataDirectory) {
        this.root = dataDirectory.folder("blobs");
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = pathOf(key);
        try {
            Path folder = Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(folder, ".put-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            forceFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + key + " could not be stored", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(key)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + key + " could not be read", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + key + " could not be deleted", e);
        }
    }

    private Path pathOf(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return root.resolve(key);
    }

    /** The rename is durable only once the folder's entry is on disk too. */
    private static void forceFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisFileSystem) {
            // Some file systems (and Windows) cannot open a folder for syncing; the file itself is synced.
        }
    }
}
