package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.ServerProcess;
import ru.gospochta.ServerProcess.Outcome;
import ru.gospochta.TestDatabase;

/** Bad configuration stops the server with one sentence on what to fix, never a wall of stack trace. */
class StartupProblemTests {

    @Test
    @DisplayName("Runtime shapes: an unreachable GOSPOCHTA_DB_URL stops start-up with one sentence naming the database")
    void unreachableDatabase() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Outcome outcome = ServerProcess.runUntilExit(Map.of("GOSPOCHTA_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/gospochta",
                "GOSPOCHTA_DATA_DIR", TestDatabase.newDataDirectory().toString()));

        assertFailedClearly(outcome, "Cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closed + "/gospochta");
        assertThat(outcome.output()).contains("unset GOSPOCHTA_DB_URL to use the embedded database");
    }

    @Test
    @DisplayName("Runtime shapes: a database that does not exist on the server is named as such")
    void missingDatabase() {
        String url = TestDatabase.url().replace("/postgres", "/no_such_database");
        Outcome outcome = ServerProcess.runUntilExit(Map.of("GOSPOCHTA_DB_URL", url, "GOSPOCHTA_DB_USER", "postgres",
                "GOSPOCHTA_DATA_DIR", TestDatabase.newDataDirectory().toString()));

        assertFailedClearly(outcome, "does not exist");
    }

    @Test
    @DisplayName("Runtime shapes: a data directory that cannot be written stops start-up with one sentence")
    void unwritableDataDirectory() throws IOException {
        Path file = Files.createTempFile("not-a-directory", ".txt");
        Outcome outcome = ServerProcess.runUntilExit(Map.of(), "--gospochta.data-dir=" + file.resolve("data"));

        assertFailedClearly(outcome, "The data directory " + file.resolve("data") + " is not writable");
        assertThat(outcome.output()).contains("Point GOSPOCHTA_DATA_DIR");
    }

    @Test
    @DisplayName("Runtime shapes: relay mode without a relay host is refused at start-up, naming the property")
    void relayModeNeedsHost() {
        Outcome outcome = ServerProcess.runUntilExit(Map.of("GOSPOCHTA_MAIL_MODE", "smtp",
                "GOSPOCHTA_DATA_DIR", TestDatabase.newDataDirectory().toString(), "GOSPOCHTA_DB_URL", TestDatabase.url(),
                "GOSPOCHTA_DB_USER", "postgres"));

        assertFailedClearly(outcome, "gospochta.mail.smtp.host must be set when gospochta.mail.mode is smtp");
    }

    @Test
    @DisplayName("NTF-5: a backup relay configured in catcher mode is refused at start-up, naming both properties")
    void backupRelayNeedsRelayMode() {
        Outcome outcome = ServerProcess.runUntilExit(Map.of("GOSPOCHTA_DATA_DIR", TestDatabase.newDataDirectory().toString(),
                "GOSPOCHTA_DB_URL", TestDatabase.url(), "GOSPOCHTA_DB_USER", "postgres"),
                "--gospochta.mail.backup-smtp.host=relay2.example");

        assertFailedClearly(outcome, "gospochta.mail.backup-smtp.host is set but gospochta.mail.mode is catcher");
    }

    @Test
    @DisplayName("Runtime shapes: with LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs every log line is JSON, the start-up problem included")
    void jsonLogs() throws IOException {
        Path file = Files.createTempFile("not-a-directory", ".txt");
        Outcome outcome = ServerProcess.runUntilExit(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
                "--gospochta.data-dir=" + file.resolve("data"));

        assertThat(outcome.exitCode()).isNotZero();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = outcome.output().lines().filter(l -> l.startsWith("{")).map(json::readTree).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("log").path("level").asString()).isEqualTo("ERROR");
            assertThat(line.path("message").asString()).contains("is not writable");
        });
    }

    static void assertFailedClearly(Outcome outcome, String sentence) {
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("APPLICATION FAILED TO START").contains(sentence);
        assertThat(outcome.output()).as("no stack trace").doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
    }
}
