package ru.gospochta.identity.internal.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gospochta.platform.DataDirectory;

/**
 * The scans on disk, in the data directory's {@code identity-documents} folder. A file is written
 * under a temporary name and only renamed to its random stored name once it passed every check,
 * so a refused or broken upload leaves nothing that looks like a document. The citizen's own file
 * name never reaches the disk: it could carry a path or a name that means something to a shell.
 */
@Component
class DocumentFiles {

    private static final Logger log = LoggerFactory.getLogger(DocumentFiles.class);
    private static final String TEMP_PREFIX = ".upload-";
    private static final String TEMP_SUFFIX = ".part";
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{32}\\.(pdf|jpg|png)");
    /** Older temporary files belong to an upload that died with its process. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path folder;
    private final SecureRandom random = new SecureRandom();

    DocumentFiles(DataDirectory dataDirectory) {
        this.folder = dataDirectory.folder("identity-documents");
        removeAbandonedUploads();
    }

    /**
     * Copies the content into a new temporary file, reading at most one byte past the limit.
     *
     * @return the number of bytes written, or {@code limit + 1} when the content is larger
     */
    long writeTemporary(InputStream content, Path temporary, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (InputStream in = content; OutputStream out = Files.newOutputStream(temporary)) {
            int read;
            while (written <= limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - written))) > 0) {
                out.write(buffer, 0, read);
                written += read;
            }
        }
        return written;
    }

    Path newTemporary() {
        try {
            return Files.createTempFile(folder, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + folder, e);
        }
    }

    /** Gives a checked temporary file its stored name, in one rename; returns that name. */
    String keep(Path temporary, ScanFormat format) {
        String name = HexFormat.of().formatHex(randomBytes()) + "." + format.extension();
        try {
            Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the upload into " + folder, e);
        }
        return name;
    }

    /** The stored file; the name is checked, so a damaged row cannot point outside the folder. */
    Path path(String storedName) {
        if (!STORED_NAME.matcher(storedName).matches()) {
            throw new IllegalStateException("not a stored document name: " + storedName);
        }
        return folder.resolve(storedName);
    }

    void delete(String storedName) {
        deleteQuietly(path(storedName));
    }

    void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}; remove it by hand: {}", file, e.toString());
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private void removeAbandonedUploads() {
        Instant before = Instant.now().minus(ABANDONED);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : temporaries) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for abandoned uploads in {}: {}", folder, e.toString());
        }
    }
}
