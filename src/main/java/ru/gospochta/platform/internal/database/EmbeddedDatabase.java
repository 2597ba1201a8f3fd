package ru.gospochta.platform.internal.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gospochta.platform.StartupProblem;

/**
 * A PostgreSQL server run by this process from binaries shipped in the jar, its cluster kept
 * in {@code <data dir>/postgres} so data survives restarts. Listens on loopback only.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path clusterDir, int port) {
        stopOrphanedServer(clusterDir);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    // Stopped by the application context after every bean that uses it, not by a
                    // JVM hook of its own racing the context's shutdown.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC");
            ServerSettings.durable().forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", postgres.getPort(), clusterDir);
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem(
                    "The embedded PostgreSQL could not start in " + clusterDir + " (" + e.getMessage() + ").",
                    "Check the server log above; if the folder was copied from another machine or version, move it away, "
                            + "or set GOSPOCHTA_DB_URL to use an external PostgreSQL.",
                    e);
        }
    }

    /**
     * A server killed without shutdown leaves its postmaster running on the cluster. The caller
     * holds the data directory lock, so no live Gospochta owns that postmaster: stop it.
     */
    private static void stopOrphanedServer(Path clusterDir) {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.getFirst().trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(orphan -> {
                        log.warn("Stopping PostgreSQL process {} left running by an earlier server on {}", pid, clusterDir);
                        orphan.destroy();
                        try {
                            orphan.onExit().get(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            orphan.destroyForcibly();
                        }
                    });
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read {}: {}", pidFile, e.getMessage());
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
