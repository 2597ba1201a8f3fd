package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import ru.gospochta.Browsers;
import ru.gospochta.IntegrationTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.attachments.AttachmentFiles;
import ru.gospochta.platform.DataDirectory;

/**
 * Issue #5's main path end to end: the demo agency's key, the public API, the citizen's open
 * mailbox in Chromium, the file downloaded, and the sender's status query.
 */
@IntegrationTest
@TestPropertySource(properties = "gospochta.demo=true")
class AgencyToCitizenInBrowserTests {

    @Autowired DataDirectory dataDirectory;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    @Test
    @DisplayName("GW-1, GW-2, GW-3, MBX-1, MBX-10: the demo agency sends a Cyrillic-named PDF → it appears in the open inbox "
            + "without reload → the citizen opens it and downloads the PDF byte-identical → GET shows «read» with times")
    void agencyToCitizen() throws Exception {
        Account citizen = TestCitizens.create(accounts, passwords);
        String session = TestCitizens.session(citizen, sessions);
        TokenClient api = new TokenClient(port);
        JsonNode demo = GatewayFixtures.demoClient(dataDirectory);
        String token = api.token(demo.get("login").asString(), demo.get("secret").asString());
        byte[] pdf = AttachmentFiles.pdf("Решение о предоставлении налогового вычета");
        String fileName = "Решение о вычете № 17.pdf";
        UUID id;

        try (Browsers.Browser chromium = Browsers.start()) {
            WebDriver b = chromium.driver();
            b.get(url("/"));
            b.manage().addCookie(new Cookie("GOSPOCHTA_SESSION", cookie(session), "/"));
            b.get(url("/cabinet/mailbox"));
            await(b).until(ExpectedConditions.attributeToBe(By.id("mailbox"), "data-stream", "open"));
            ((JavascriptExecutor) b).executeScript("window.notReloaded = true");

            HttpResponse<String> sent = api.postWith(token, "/api/v1/messages", """
                    {"recipient": {"snils": "%s"}, "category": "application-status",
                     "subject": "Решение по заявлению на вычет", "body": {"text": "Вычет предоставлен."},
                     "attachments": [{"fileName": "%s", "content": "%s"}]}"""
                    .formatted(citizen.snils(), fileName, Base64.getEncoder().encodeToString(pdf)));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            id = UUID.fromString(TokenClient.json(sent).get("id").asString());

            await(b).until(ExpectedConditions.presenceOfElementLocated(By.id("m-" + id)));
            assertThat(((JavascriptExecutor) b).executeScript("return window.notReloaded")).isEqualTo(true);
            assertThat(b.findElement(By.id("m-" + id)).getText()).contains("Решение по заявлению на вычет",
                    "Федеральная налоговая служба");

            b.findElement(By.id("open-" + id)).click();
            await(b).until(ExpectedConditions.textToBe(By.id("subject"), "Решение по заявлению на вычет"));
            UUID file = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", id)
                    .query(UUID.class).single();
            var link = b.findElement(By.id("download-" + file));
            assertThat(link.getText()).isEqualTo(fileName);

            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                    .header("Cookie", "GOSPOCHTA_SESSION=" + cookie(session)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(pdf);
            assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value)
                    .contains("filename*=UTF-8''" + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20")));
        }

        JsonNode status = TokenClient.json(api.getWith(token, "/api/v1/messages/" + id));
        assertThat(status.get("status").asString()).isEqualTo("read");
        Instant accepted = Instant.parse(status.get("acceptedAt").asString());
        Instant delivered = Instant.parse(status.get("deliveredAt").asString());
        Instant read = Instant.parse(status.get("readAt").asString());
        assertThat(accepted).isBeforeOrEqualTo(delivered);
        assertThat(delivered).isBeforeOrEqualTo(read);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String cookie(String sessionId) {
        return Base64.getEncoder().encodeToString(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static WebDriverWait await(WebDriver b) {
        return new WebDriverWait(b, Duration.ofSeconds(20));
    }
}
