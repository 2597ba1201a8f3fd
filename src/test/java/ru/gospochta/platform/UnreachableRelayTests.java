package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ru.gospochta.IntegrationTest;
import ru.gospochta.ServerProcess;
import ru.gospochta.TestDatabase;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;

/** A relay that does not answer must not stop the server: health says DEGRADED and why, in one sentence. */
@IntegrationTest
class UnreachableRelayTests {

    static final int closedPort = freePort();

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void relayProperties(DynamicPropertyRegistry registry) {
        registry.add("gospochta.mail.mode", () -> "smtp");
        registry.add("gospochta.mail.smtp.host", () -> "127.0.0.1");
        registry.add("gospochta.mail.smtp.port", () -> closedPort);
        registry.add("gospochta.mail.smtp.security", () -> "starttls");
        registry.add("gospochta.mail.smtp.timeout", () -> "2s");
    }

    @Autowired OutgoingMail mail;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @LocalServerPort int port;

    @BeforeEach
    void admin() {
        TestStaff.ensureAdmin(db, passwords);
    }

    @Test
    @DisplayName("Runtime shapes: an unreachable SMTP relay makes health DEGRADED (HTTP 200) with one sentence to fix it")
    void unreachableRelayDegradesHealth() {
        HttpResponse<String> anonymous = new WebClient(port).get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"DEGRADED\"").doesNotContain("relay");

        String basic = Base64.getEncoder().encodeToString((TestStaff.ADMIN + ":" + TestStaff.PASSWORD).getBytes(StandardCharsets.UTF_8));
        String detailed = new WebClient(port).get("/actuator/health", "Authorization", "Basic " + basic).body();
        assertThat(detailed).contains("The SMTP relay 127.0.0.1:" + closedPort + " cannot be reached")
                .contains("letters cannot be sent until it answers")
                .contains("check gospochta.mail.smtp.host");

    }

    @Test
    @DisplayName("Runtime shapes: a server started with an unreachable relay says so once in its log, as a warning without stack trace")
    void startupWarnsOnce() throws Exception {
        try (ServerProcess.Running server = ServerProcess.start(Map.of(
                "GOSPOCHTA_MAIL_MODE", "smtp", "GOSPOCHTA_MAIL_SMTP_HOST", "127.0.0.1",
                "GOSPOCHTA_MAIL_SMTP_PORT", Integer.toString(closedPort), "GOSPOCHTA_MAIL_SMTP_TIMEOUT", "2s",
                "GOSPOCHTA_DB_URL", TestDatabase.url(), "GOSPOCHTA_DB_USER", "postgres",
                "GOSPOCHTA_DATA_DIR", TestDatabase.newDataDirectory().toString()))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(server.output())
                    .containsPattern("WARN.*The SMTP relay 127\\.0\\.0\\.1:" + closedPort + " cannot be reached"));
            assertThat(server.process().isAlive()).isTrue();
            assertThat(server.output()).doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
        }
    }

    @Test
    @DisplayName("Runtime shapes: readiness stays UP when only the relay is down, so the cabinet keeps serving")
    void readinessIgnoresRelay() {
        assertThat(new WebClient(port).get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    @Test
    @DisplayName("Runtime shapes: sending through an unreachable relay fails as a temporary failure")
    void sendingFailsTemporarily() {
        assertThatThrownBy(() -> mail.send(new Letter("citizen@example.ru", "Тема", "Текст", null)))
                .isInstanceOfSatisfying(MailNotSent.class, e -> assertThat(e.permanent()).isFalse());
    }
}
