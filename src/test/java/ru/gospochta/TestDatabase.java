package ru.gospochta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import ru.gospochta.platform.internal.database.ServerSettings;

/**
 * One embedded PostgreSQL for the whole test JVM, shared by every Spring context. A test that
 * needs a database of its own asks for one with {@link #createDatabase(String)}.
 */
public final class TestDatabase {

    private static EmbeddedPostgres server;

    /** With {@code -Dbench.statements=true} the server keeps statement statistics, which benchmarks then print. */
    public static final String STATEMENTS = "bench.statements";

    /**
     * With {@code -Dbench.durable=true} (the benchmarks' default) the server writes as the embedded
     * database of a real run does — every commit flushed to disk — instead of the tests' shortcuts.
     */
    public static final String DURABLE = "bench.durable";

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Stopped by Spring's shutdown hook after the cached contexts have closed (below), not by
                // a hook of its own racing them: workers of a context still closing would otherwise
                // wait on a database that is gone, and the JVM would outlive surefire's patience.
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                        .setServerConfig("max_connections", "300");
                if (Boolean.getBoolean(DURABLE)) {
                    ServerSettings.durable().forEach(builder::setServerConfig);
                } else {
                    builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off");
                }
                if (Boolean.getBoolean(STATEMENTS)) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            });
        }
        return server;
    }

    public static String url() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A fresh, empty database on the shared server; its JDBC URL. */
    public static synchronized String createDatabase(String name) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (exists.next()) {
                    s.execute("DROP DATABASE \"" + name + "\" WITH (FORCE)");
                }
            }
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** A new empty folder under target/ for one context's data directory. */
    public static Path newDataDirectory() {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(base, "data-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points a Spring context at the shared server (through {@code gospochta.db.url}, the way an
     * operator configures an external database), gives it a data directory of its own and lets
     * the mail catcher pick free ports. Added last, so a test's own properties win — and so does
     * {@code application.properties}: the pool's size is the application's; what is set here is
     * only that a context idling in Spring's test context cache gives its connections back (a
     * dozen cached contexts holding twenty idle connections each exhausted the shared server).
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("gospochta-test", Map.of(
                    "gospochta.db.url", url(),
                    "gospochta.db.user", "postgres",
                    "gospochta.data-dir", newDataDirectory().toString(),
                    "gospochta.mail.catcher.smtp-port", "0",
                    "gospochta.mail.catcher.imap-port", "0",
                    "spring.datasource.hikari.minimum-idle", "1",
                    "spring.datasource.hikari.idle-timeout", "10000")));
        }
    }
}
