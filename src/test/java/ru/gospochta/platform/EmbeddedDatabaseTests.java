package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.Gospochta;
import ru.gospochta.ServerProcess;
import ru.gospochta.TestDatabase;
import ru.gospochta.WebClient;

/** The embedded default: no database configured, PostgreSQL runs from the data directory and keeps its data. */
class EmbeddedDatabaseTests {

    @Test
    @DisplayName("Runtime shapes: with no database configured an embedded PostgreSQL keeps data in the data directory across restarts, and a second server on it is refused")
    void embeddedDatabaseSurvivesRestart() {
        Path dataDir = TestDatabase.newDataDirectory();

        try (ConfigurableApplicationContext first = start(dataDir)) {
            first.getBean(OutgoingSms.class).send("+79990001122", "Сохранится после перезапуска");
            assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
            int port = ((WebServerApplicationContext) first).getWebServer().getPort();
            assertThat(new WebClient(port).get("/actuator/health").body()).contains("\"status\":\"UP\"");

            ServerProcess.Outcome second = ServerProcess.runUntilExit(Map.of("GOSPOCHTA_DATA_DIR", dataDir.toString()));
            StartupProblemTests.assertFailedClearly(second,
                    "Another Gospochta server is already running on the data directory " + dataDir);
        }

        try (ConfigurableApplicationContext again = start(dataDir)) {
            List<String> texts = again.getBean(JdbcClient.class)
                    .sql("SELECT text FROM platform.caught_sms WHERE phone = '+79990001122'").query(String.class).list();
            assertThat(texts).containsExactly("Сохранится после перезапуска");
        }
    }

    @Test
    @DisplayName("GW-2 and the quality bar «no accepted message is ever lost across crashes»: the embedded PostgreSQL confirms a commit only once it is on disk; it spaces its checkpoints and sizes its cache for a sustained ingest")
    void commitsAreDurable() {
        try (ConfigurableApplicationContext server = start(TestDatabase.newDataDirectory())) {
            JdbcClient db = server.getBean(JdbcClient.class);
            assertThat(List.of("synchronous_commit", "fsync", "full_page_writes"))
                    .allSatisfy(setting -> assertThat(setting(db, setting)).as(setting).isEqualTo("on"));
            assertThat(setting(db, "max_wal_size")).isEqualTo("4GB");
            assertThat(setting(db, "checkpoint_timeout")).isEqualTo("15min");
            // The buffer cache: a quarter of the machine's memory, at least PostgreSQL's own 128 MB, at most 2 GB.
            long megabytes = db.sql("SELECT setting::bigint * 8192 / (1024 * 1024) FROM pg_settings WHERE name = 'shared_buffers'")
                    .query(Long.class).single();
            long machine = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024);
            assertThat(megabytes).isEqualTo(Math.clamp(machine / 4, 128, 2048));
        }
    }

    static String setting(JdbcClient db, String name) {
        return db.sql("SELECT current_setting(:name)").param("name", name).query(String.class).single();
    }

    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Gospochta.class).properties(Map.of(
                "gospochta.data-dir", dataDir.toString(),
                "server.port", "0",
                "gospochta.mail.catcher.smtp-port", "0",
                "gospochta.mail.catcher.imap-port", "0")).run();
    }
}
