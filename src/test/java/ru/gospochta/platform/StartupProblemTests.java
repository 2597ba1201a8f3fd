package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

    static void assertFailedClearly(Outcome outcome, String sentence) {
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("APPLICATION FAILED TO START").contains(sentence);
        assertThat(outcome.output()).as("no stack trace").doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
    }
}
