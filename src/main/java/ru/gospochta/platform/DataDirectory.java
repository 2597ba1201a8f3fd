package ru.gospochta.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * The folder that holds everything this node keeps on disk. Opening it takes an exclusive lock
 * for the life of the process, so a second server started on the same folder stops at once
 * instead of running a second database over the same files.
 */
public final class DataDirectory implements AutoCloseable {

    static final String LOCK_FILE = "gospochta.lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the folder when missing, checks that it is writable and locks it. */
    public static DataDirectory open(Path configured) {
        Path root = configured.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupProblem(
                    "The data directory " + root + " is not writable (" + describe(e) + ").",
                    "Point GOSPOCHTA_DATA_DIR (gospochta.data-dir) at a directory this process can create and write.",
                    e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(root);
            }
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupProblem("The data directory " + root + " cannot be locked (" + describe(e) + ").",
                    "Check the permissions of " + root.resolve(LOCK_FILE) + ".", e);
        }
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException alreadyHeldByThisProcess) {
            return null;
        }
    }

    private static StartupProblem inUse(Path root) {
        return new StartupProblem(
                "Another Gospochta server is already running on the data directory " + root + ".",
                "Stop the other server first, or start this one with its own GOSPOCHTA_DATA_DIR (gospochta.data-dir).");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return message == null ? kind.toLowerCase() : kind.toLowerCase() + ": " + message;
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-folder, created on first use. */
    public Path folder(String name) {
        Path folder = root.resolve(name);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + folder, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        lockChannel.close();
    }
}
