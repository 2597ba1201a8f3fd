package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.MessageRead;

/** The public message contract over real HTTP with real tokens (GW-2, GW-3, GW-5, APL-2). */
@IdentityTest
class MessagesApiTests {

    static final String MESSAGES = "/api/v1/messages";
    static final String JSON = "application/json";

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;

    TokenClient client;
    CredentialIssuing.Issued key;
    String token;
    Account citizen;

    @BeforeEach
    void agencyAndCitizen() {
        client = new TokenClient(port);
        key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        token = client.token(key.credential().credential().clientId(), key.secret());
        citizen = TestCitizens.create(accounts, passwords);
    }

    static String message(String snils, String extra) {
        return """
                {"recipient": {"snils": "%s"}, "category": "application-status", "subject": "Решение по заявлению",
                 "body": {"text": "Ваше заявление № З-2026/0042 рассмотрено."}%s}""".formatted(snils, extra);
    }

    /** A real one-page PDF, made with PDFBox: the attachment rules open every PDF they accept. */
    static String pdf() {
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            document.save(out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int storedOf(UUID systemId) {
        return db.sql("SELECT count(*) FROM gateway.messages WHERE system_id = :s").param("s", systemId)
                .query(Integer.class).single();
    }

    int inMailbox(String id) {
        return db.sql("SELECT count(*) FROM mailbox.messages WHERE id = :id").param("id", UUID.fromString(id))
                .query(Integer.class).single();
    }

    UUID systemId() {
        return key.credential().credential().systemId();
    }

    @Test
    @DisplayName("GW-2, GW-3: a JSON message is answered 202 only once stored in the citizen's mailbox; its status says delivered")
    void sendsOneMessage() {
        HttpResponse<String> sent = client.postWith(token, MESSAGES, JSON, message(citizen.snils(),
                ", \"applicationRef\": \"З-2026/0042\", \"dueDate\": \"2026-12-31\""));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = TokenClient.json(sent);
        assertThat(answer.get("registrationNumber").asString()).matches("GP-\\d{4}-\\d{10}");
        assertThat(answer.get("status").asString()).isEqualTo("delivered");
        String id = answer.get("id").asString();
        assertThat(inMailbox(id)).isEqualTo(1);

        JsonNode status = TokenClient.json(client.getWith(token, MESSAGES + "/" + id));
        assertThat(status.get("status").asString()).isEqualTo("delivered");
        assertThat(status.get("deliveredAt").asString()).isNotBlank();
        assertThat(status.get("recipient").asString()).doesNotContain(citizen.snils().substring(3, 9));
    }

    @Test
    @DisplayName("GW-2: the same message in XML is answered in XML")
    void sendsXml() {
        String snils = citizen.snils();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <message xmlns="urn:gospochta:api:v1">
                  <recipient><snils>%s</snils></recipient><category>documents-ready</category>
                  <subject>Документ готов</subject><body><html><![CDATA[<p>Справка <b>готова</b><script>alert(1)</script></p>]]></html></body>
                </message>""".formatted(snils);
        HttpResponse<String> sent = client.postWith(token, MESSAGES, "application/xml", xml);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(sent.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(sent.body()).contains("<status>delivered</status>").contains("urn:gospochta:api:v1");
    }

    @Test
    @DisplayName("GW-2, GW-3: a batch answers each message in order; an unknown citizen's message is undeliverable with the reason")
    void batch() {
        String batch = "{\"messages\": [" + message(citizen.snils(), "") + "," + message(TestCitizens.newSnils(), "") + ","
                + message(citizen.snils(), ", \"attachments\": [{\"fileName\": \"Решение.pdf\", \"content\": \"" + pdf() + "\"}]") + "]}";
        HttpResponse<String> sent = client.postWith(token, MESSAGES + "/batch", JSON, batch);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode messages = TokenClient.json(sent).get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).get("status").asString()).isEqualTo("delivered");
        assertThat(messages.get(1).get("status").asString()).isEqualTo("undeliverable");
        assertThat(messages.get(1).get("reason").asString()).isEqualTo("no-such-citizen");
        assertThat(messages.get(2).get("status").asString()).isEqualTo("delivered");
        assertThat(db.sql("SELECT count(*) FROM mailbox.attachments WHERE message_id = :id")
                .param("id", UUID.fromString(messages.get(2).get("id").asString())).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("GW-2: every schema error is listed with field, code and message; nothing is stored")
    void everyErrorAtOnce() {
        String broken = """
                {"messages": [{"recipient": {"snils": "112-233-445 96"}, "category": "security", "subject": "",
                  "body": {"text": "x"}}, {"recipient": {}, "body": {"html": ""}}]}""";
        HttpResponse<String> refused = client.postWith(token, MESSAGES + "/batch", JSON, broken);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = TokenClient.json(refused);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString() + " " + e.get("code").asString()));
        assertThat(fields).contains("messages[0].recipient.snils invalid-checksum", "messages[0].category unknown-category",
                "messages[0].subject required", "messages[1].recipient one-recipient", "messages[1].category required");
        assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
        assertThat(storedOf(systemId())).isZero();
    }

    @Test
    @DisplayName("APL-2, GW-2: a forbidden attachment refuses the message with its own code; nothing is stored")
    void attachmentRefused() {
        String exe = Base64.getEncoder().encodeToString(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0});
        HttpResponse<String> refused = client.postWith(token, MESSAGES, JSON, message(citizen.snils(),
                ", \"attachments\": [{\"fileName\": \"Приказ.pdf\", \"content\": \"" + exe + "\"}]"));

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = TokenClient.json(refused).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("attachments[0]");
        assertThat(error.get("code").asString()).isEqualTo("executable");
        assertThat(error.get("message").asString()).contains("Приказ.pdf").contains("программа");
        assertThat(storedOf(systemId())).isZero();
    }

    @Test
    @DisplayName("GW-2: the same Idempotency-Key with the same body returns the first answer; with another body, 409")
    void idempotency() {
        String body = message(citizen.snils(), "");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = client.postWith(token, MESSAGES, JSON, body, "Idempotency-Key", key);
        HttpResponse<String> again = client.postWith(token, MESSAGES, JSON, body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(storedOf(systemId())).isEqualTo(1);

        HttpResponse<String> other = client.postWith(token, MESSAGES, JSON, message(citizen.snils(), ", \"priority\": \"high\""),
                "Idempotency-Key", key);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(storedOf(systemId())).isEqualTo(1);
    }

    @Test
    @DisplayName("GW-3: a system sees only its own messages: another system's id and a malformed id are both 404")
    void statusOfOwnMessagesOnly() {
        String id = TokenClient.json(client.postWith(token, MESSAGES, JSON, message(citizen.snils(), ""))).get("id").asString();
        CredentialIssuing.Issued other = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String otherToken = client.token(other.credential().credential().clientId(), other.secret());

        assertThat(client.getWith(otherToken, MESSAGES + "/" + id).statusCode()).isEqualTo(404);
        assertThat(client.getWith(token, MESSAGES + "/not-an-id").statusCode()).isEqualTo(404);
        assertThat(client.getWith(token, MESSAGES + "/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("GW-3: when the citizen opens the message its status becomes read, with the time")
    void readStatus() {
        String id = TokenClient.json(client.postWith(token, MESSAGES, JSON, message(citizen.snils(), ""))).get("id").asString();
        transaction.executeWithoutResult(tx -> events.publishEvent(new MessageRead(UUID.fromString(id), citizen.id(), Instant.now())));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                TokenClient.json(client.getWith(token, MESSAGES + "/" + id)).get("status").asString().equals("read"));
        assertThat(TokenClient.json(client.getWith(token, MESSAGES + "/" + id)).get("readAt").asString()).isNotBlank();
    }

    @Test
    @DisplayName("GW-1, GW-2: a test credential's messages go to the sandbox and never reach a mailbox")
    void sandbox() {
        CredentialIssuing.Issued test = GatewayFixtures.key(registry, issuing, CredentialKind.TEST);
        String testToken = client.token(test.credential().credential().clientId(), test.secret());
        JsonNode answer = TokenClient.json(client.postWith(testToken, MESSAGES, JSON, message(citizen.snils(), "")));

        assertThat(answer.get("sandbox").asBoolean()).isTrue();
        assertThat(answer.get("status").asString()).isEqualTo("delivered");
        assertThat(inMailbox(answer.get("id").asString())).isZero();
    }

    @Test
    @DisplayName("GW-5: past the daily quota the answer is 429 with Retry-After, and nothing is stored")
    void dailyQuota() {
        db.sql("INSERT INTO gateway.daily_usage (system_id, day, messages) VALUES (:s, :d, 1000000)")
                .param("s", systemId()).param("d", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Moscow"))).update();
        HttpResponse<String> refused = client.postWith(token, MESSAGES, JSON, message(citizen.snils(), ""));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(TokenClient.json(refused).get("code").asString()).isEqualTo("daily-quota");
        assertThat(storedOf(systemId())).isZero();
    }

    @Test
    @DisplayName("GW-5: past the requests a second the answer is 429 with Retry-After; every answer carries RateLimit headers")
    void rateLimit() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 400; i++) {
            last = client.getWith(token, MESSAGES + "/" + UUID.randomUUID());
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.headers().firstValue("RateLimit-Remaining")).isPresent();
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.headers().firstValue("RateLimit-Policy")).hasValue("50;w=1");
        assertThat(TokenClient.json(last).get("code").asString()).isEqualTo("rate-limit");
    }

    @Test
    @DisplayName("GW-2: unreadable bodies are 400, a DTD is refused unread, an unknown format is 415")
    void malformed() {
        assertThat(client.postWith(token, MESSAGES, JSON, "{\"recipient\": ").statusCode()).isEqualTo(400);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<message xmlns=\"urn:gospochta:api:v1\"><subject>&x;</subject></message>";
        HttpResponse<String> dtd = client.postWith(token, MESSAGES, "application/xml", xxe);
        assertThat(dtd.statusCode()).isEqualTo(400);
        assertThat(dtd.body()).doesNotContain("root:");
        assertThat(client.postWith(token, MESSAGES, "text/plain", "hello").statusCode()).isEqualTo(415);
        assertThat(storedOf(systemId())).isZero();
    }

    @Test
    @DisplayName("GW-2: the contract is published: OpenAPI at /v3/api-docs and the XSD at /api/v1/schema/message.xsd")
    void published() {
        HttpResponse<String> openApi = client.get("/v3/api-docs");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/messages/batch").contains("\"Message\"").contains("registrationNumber");
        HttpResponse<String> xsd = client.get("/api/v1/schema/message.xsd");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("targetNamespace=\"urn:gospochta:api:v1\"");
    }
}
