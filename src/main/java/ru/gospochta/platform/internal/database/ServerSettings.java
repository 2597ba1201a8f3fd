package ru.gospochta.platform.internal.database;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

/**
 * How the embedded PostgreSQL is set up to write and cache, shared by the default run and by the
 * benchmarks that measure it (which start their own server with these).
 */
public final class ServerSettings {

    private static final long MB = 1024 * 1024;

    private ServerSettings() {
    }

    /**
     * <ul>
     * <li>Durable: the library that ships the server starts it for tests, without fsync (-F) and
     * confirming a commit before its WAL is on disk; here a crash or a power cut would lose messages
     * already answered 202, or the cluster itself.
     * <li>Checkpoints spaced wider than PostgreSQL's defaults (1 GB of WAL, 5 minutes): after each
     * checkpoint the first change to a page logs the whole page, and under a sustained ingest the
     * defaults start a checkpoint every twenty seconds or so, making full pages about half of all WAL
     * (the ingest benchmark: 19 KB a message, against 11 KB with these). The price is up to 4 GB of
     * WAL on disk between checkpoints and a longer replay after a crash.
     * <li>A quarter of the machine's memory for the buffer cache (the usual advice for a server of
     * its own), between PostgreSQL's default 128 MB — sized to start on any machine, and soon too
     * small for the indexes of a mailbox table with millions of rows — and 2 GB.
     * </ul>
     */
    public static Map<String, String> durable() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("max_wal_size", "4GB");
        settings.put("checkpoint_timeout", "15min");
        settings.put("shared_buffers", sharedBuffersMb(physicalMemory()) + "MB");
        return settings;
    }

    static long sharedBuffersMb(long physicalMemory) {
        return Math.clamp(physicalMemory / 4 / MB, 128, 2048);
    }

    private static long physicalMemory() {
        // The container's limit where there is one: the JDK reads it in place of the host's memory.
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }
}
