package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.Gospochta;
import ru.gospochta.TestDatabase;

/** Production shape: an external PostgreSQL named by GOSPOCHTA_DB_URL is migrated and used; nothing is embedded. */
class ExternalDatabaseTests {

    @Test
    @DisplayName("Runtime shapes: with GOSPOCHTA_DB_URL the server migrates that database, one schema per module, and starts no embedded one")
    void migratesAndUsesExternalDatabase() {
        String url = TestDatabase.createDatabase("external_check");
        Path dataDir = TestDatabase.newDataDirectory();

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Gospochta.class).properties(Map.of(
                "gospochta.db.url", url, "gospochta.db.user", "postgres",
                "gospochta.data-dir", dataDir.toString(), "server.port", "0",
                "gospochta.mail.catcher.smtp-port", "0", "gospochta.mail.catcher.imap-port", "0")).run()) {

            JdbcClient db = context.getBean(JdbcClient.class);
            assertThat(db.sql("SELECT current_database()").query(String.class).single()).isEqualTo("external_check");
            List<String> migrated = db.sql("""
                    SELECT table_schema FROM information_schema.tables
                    WHERE table_name = 'flyway_schema_history' ORDER BY table_schema""").query(String.class).list();
            assertThat(migrated).contains("platform", "identity");
            assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
        }
    }
}
