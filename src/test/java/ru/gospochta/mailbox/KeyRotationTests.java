package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.TestDatabase;
import ru.gospochta.TestStaff;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.internal.crypto.DataKeys;
import ru.gospochta.mailbox.internal.crypto.GeneratedMasterKeys;
import ru.gospochta.platform.DataDirectory;

/**
 * Rotation touches every mailbox of the database, so it runs on a database of its own: the shared
 * test database also holds mailboxes that other test servers, each with its own data directory and
 * so its own master key, have made.
 */
@IdentityTest
@DisplayName("MBX-9: master key rotation without rewriting the archive")
class KeyRotationTests {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("gospochta.db.url", () -> TestDatabase.createDatabase("mailbox_key_rotation"));
    }

    @Autowired MailboxDelivery delivery;
    @Autowired DataKeys dataKeys;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @Autowired DataDirectory dataDirectory;
    @Autowired JsonMapper json;
    @LocalServerPort int port;

    @Test
    @DisplayName("MBX-9: rotation re-wraps every data key under a new master key without rewriting a message; mail still reads and the old key is gone")
    void rotation() throws Exception {
        Citizen citizen = Citizen.signedIn(port, accounts, passwords, sessions);
        Citizen other = Citizen.signedIn(port, accounts, passwords, sessions);
        Letter mine = Letter.to(citizen.id()).text("Моё письмо").file("m.pdf", "application/pdf", bytes("мой файл"), "");
        Letter theirs = Letter.to(other.id()).text("Их письмо");
        delivery.deliverAll(List.of(mine.build(), theirs.build()));
        String messagesBefore = messagesFingerprint();
        Path keyFile = dataDirectory.root().resolve("keys/mailbox-master.key");
        String keysBefore = Files.readString(keyFile);
        int before = GeneratedMasterKeys.open(keyFile).current().version();
        TestStaff.ensureAdmin(db, passwords);

        HttpResponse<String> refused = post(null);
        HttpResponse<String> rotated = post(TestStaff.ADMIN + ":" + TestStaff.PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(rotated.body());
        assertThat(result.get("masterVersion").asInt()).isEqualTo(before + 1);
        assertThat(result.get("rewrapped").asLong()).isEqualTo(2);
        assertThat(result.get("retired").toString()).contains(Integer.toString(before));
        assertThat(db.sql("SELECT DISTINCT master_version FROM mailbox.data_keys").query(Integer.class).list())
                .containsExactly(before + 1);
        assertThat(messagesFingerprint()).isEqualTo(messagesBefore);

        // The old master key is gone from the store, and nothing needs it: mail reads with the new one alone.
        assertThat(GeneratedMasterKeys.open(keyFile).versions()).containsExactly(before + 1);
        String oldKey = keysBefore.lines().filter(l -> l.startsWith(before + ":")).findFirst().orElseThrow();
        assertThat(Files.readString(keyFile)).doesNotContain(oldKey.substring(oldKey.indexOf(':') + 1));
        dataKeys.forget();
        assertThat(citizen.get("/cabinet/mailbox/messages/" + mine.id()).body()).contains("Моё письмо");
        assertThat(other.get("/cabinet/mailbox/messages/" + theirs.id()).body()).contains("Их письмо");
        UUID file = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", mine.id()).query(UUID.class).single();
        assertThat(citizen.download("/cabinet/mailbox/messages/" + mine.id() + "/attachments/" + file).body()).isEqualTo(bytes("мой файл"));

        // New mailboxes get their keys under the new version; the status says so; the rotation is audited.
        Letter later = Letter.to(Citizen.signedIn(port, accounts, passwords, sessions).id());
        delivery.deliver(later.build());
        JsonNode status = json.readTree(get(TestStaff.ADMIN + ":" + TestStaff.PASSWORD).body());
        assertThat(status.get("currentVersion").asInt()).isEqualTo(before + 1);
        assertThat(status.get("dataKeysByVersion").get(Integer.toString(before + 1)).asLong()).isEqualTo(3);
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'mailbox.master-key-rotated' AND actor = :a")
                .param("a", "staff:" + TestStaff.ADMIN).query(Long.class).single()).isEqualTo(1);
    }

    private String messagesFingerprint() {
        return db.sql("SELECT md5(string_agg(id::text || encode(body_text, 'hex'), ',' ORDER BY id)) FROM mailbox.messages")
                .query(String.class).single();
    }

    private HttpResponse<String> post(String credentials) throws Exception {
        return send(HttpRequest.newBuilder(endpoint()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), credentials);
    }

    private HttpResponse<String> get(String credentials) throws Exception {
        return send(HttpRequest.newBuilder(endpoint()).GET(), credentials);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/actuator/mailboxkeys");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String credentials) throws Exception {
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return ("%PDF-1.4 " + text).getBytes(StandardCharsets.UTF_8);
    }
}
