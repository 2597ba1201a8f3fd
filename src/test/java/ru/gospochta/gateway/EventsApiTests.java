package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.Scope;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** The public event contract over real HTTP with real tokens (NTF-1, NTF-2, GW-2, GW-3). */
@IdentityTest
class EventsApiTests {

    static final String EVENTS = "/api/v1/events";
    static final String JSON = "application/json";
    static final String XML = "application/xml";
    static final Set<String> STATUSES = Set.of("created", "sending", "delivered", "temporary-failure", "permanent-failure",
            "technical-failure", "waiting-digest", "skipped");

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;

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

    /** An event as JSON; {@code variables} are the members of its variables object. */
    static String charge(String snils, String type, String variables) {
        return """
                {"recipient": {"snils": "%s"}, "type": "%s",
                 "variables": {%s}}""".formatted(snils, type, variables);
    }

    /** Every variable of «Начисление» and its kin (NTF-2), with the amount given. */
    static String chargeVariables(String amount) {
        return """
                "operationId": "18810177230000012345", "date": "2026-03-01", "amount": "%s",
                "paymentDetails": "УФК по г. Москве (ФНС России), ИНН 7707329152", "link": "/payments/18810177230000012345"\
                """.formatted(amount);
    }

    UUID systemId() {
        return key.credential().credential().systemId();
    }

    int eventsOf(UUID systemId) {
        return db.sql("SELECT count(*) FROM notify.events WHERE system_id = :s").param("s", systemId).query(Integer.class).single();
    }

    int mailOf(Account account) {
        return db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :a").param("a", account.id())
                .query(Integer.class).single();
    }

    /** Nothing of a refused call stays: no event, no cabinet message. */
    void nothingStored() {
        assertThat(eventsOf(systemId())).isZero();
        assertThat(mailOf(citizen)).isZero();
    }

    static List<String> errors(HttpResponse<String> refused) {
        List<String> fields = new ArrayList<>();
        TokenClient.json(refused).get("errors").forEach(e -> fields.add(e.get("field").asString() + " " + e.get("code").asString()));
        return fields;
    }

    @Test
    @DisplayName("NTF-1, NTF-2: a JSON event is answered 202 once stored: its cabinet message and its notifications exist")
    void raisesAnEvent() {
        HttpResponse<String> sent = client.postWith(token, EVENTS, JSON, charge(citizen.snils(), "charge-issued",
                chargeVariables("1500.00")));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = TokenClient.json(sent);
        assertThat(answer.get("status").asString()).isEqualTo("accepted");
        assertThat(answer.get("sandbox").asBoolean()).isFalse();
        UUID id = UUID.fromString(answer.get("id").asString());
        UUID messageId = UUID.fromString(answer.get("messageId").asString());
        assertThat(answer.get("notifications").isArray()).isTrue();
        assertThat(answer.get("notifications")).isNotEmpty().allSatisfy(n -> {
            assertThat(n.get("id").asString()).isNotBlank();
            assertThat(n.get("channel").asString()).isIn("email", "sms", "push");
            assertThat(n.get("status").asString()).isIn(STATUSES);
        });
        assertThat(db.sql("SELECT type FROM notify.events WHERE id = :id AND system_id = :s AND account = :a")
                .param("id", id).param("s", systemId()).param("a", citizen.id()).query(String.class).single())
                .isEqualTo("charge-issued");
        assertThat(db.sql("SELECT subject FROM mailbox.messages WHERE id = :id AND account = :a")
                .param("id", messageId).param("a", citizen.id()).query(String.class).single()).startsWith("Начисление");
    }

    @Test
    @DisplayName("NTF-1, GW-2: the same event in XML is read by event.xsd and answered in XML")
    void raisesAnEventInXml() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <event xmlns="urn:gospochta:api:v1">
                  <recipient><snils>%s</snils></recipient>
                  <type>payment-received</type>
                  <variables>
                    <variable name="operationId">18810177230000012345</variable>
                    <variable name="date">2026-03-02</variable>
                    <variable name="amount">1500.00</variable>
                    <variable name="paymentDetails">УФК по г. Москве</variable>
                    <variable name="link">https://www.gosuslugi.ru/pay</variable>
                  </variables>
                </event>""".formatted(citizen.snils());
        HttpResponse<String> sent = client.postWith(token, EVENTS, XML, xml);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(sent.headers().firstValue("Content-Type").orElse("")).startsWith(XML);
        assertThat(sent.body()).contains("<event xmlns=\"urn:gospochta:api:v1\">").contains("<status>accepted</status>")
                .contains("<notifications><notification><id>");
        assertThat(eventsOf(systemId())).isEqualTo(1);
    }

    @Test
    @DisplayName("NTF-1, GW-2: an XML event breaking event.xsd in two places is refused with both errors; nothing is stored")
    void xmlSchemaErrors() {
        String xml = """
                <event xmlns="urn:gospochta:api:v1">
                  <recipient><snils>12-34</snils></recipient>
                  <type></type>
                  <variables><variable name="amount">1</variable><variable name="amount">2</variable></variables>
                </event>""";
        HttpResponse<String> refused = client.postWith(token, EVENTS, XML, xml);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+xml");
        assertThat(refused.body()).contains("<field>recipient.snils</field>").contains("<field>type</field>")
                .contains("<code>schema</code>").contains("<code>invalid-event</code>");
        nothingStored();
    }

    @Test
    @DisplayName("NTF-1: an unknown type is refused at `type` with a Russian sentence by default; nothing is stored")
    void unknownType() {
        HttpResponse<String> refused = client.postWith(token, EVENTS, JSON, charge(citizen.snils(), "charge-forgiven",
                chargeVariables("1500.00")));

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = TokenClient.json(refused);
        assertThat(problem.get("code").asString()).isEqualTo("invalid-event");
        assertThat(errors(refused)).containsExactly("type unknown-type");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("каталоге");
        nothingStored();
    }

    @Test
    @DisplayName("NTF-2: a malformed amount and a missing variable are both reported, each at its variable")
    void variablesChecked() {
        String variables = """
                "operationId": "1", "date": "2026-03-01", "amount": "1 500,00 руб.", "paymentDetails": "УФК"\
                """;
        HttpResponse<String> refused = client.postWith(token, EVENTS, JSON, charge(citizen.snils(), "charge-issued", variables),
                "Accept-Language", "en");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errors(refused)).containsExactlyInAnyOrder("variables.amount invalid-amount", "variables.link missing");
        assertThat(TokenClient.json(refused).get("errors").get(0).get("message").asString()).isNotBlank().doesNotContain("gateway.api");
        nothingStored();
    }

    @Test
    @DisplayName("GW-2: a variable that is not a string is a schema error, like a missing recipient")
    void jsonShapes() {
        HttpResponse<String> refused = client.postWith(token, EVENTS, JSON,
                "{\"type\": \"charge-issued\", \"variables\": {\"amount\": 1500.00}, \"extra\": 1}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errors(refused)).containsExactlyInAnyOrder("recipient required", "variables.amount not-a-string",
                "extra unknown-field");
        nothingStored();
    }

    @Test
    @DisplayName("NTF-1: a type only the portal raises (sign-in alerts) is refused to an agency")
    void reservedType() {
        HttpResponse<String> refused = client.postWith(token, EVENTS, JSON, charge(citizen.snils(), "sign-in-alert",
                "\"device\": \"Firefox\", \"sourceIp\": \"203.0.113.7\", \"time\": \"12:00\""));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errors(refused)).containsExactly("type reserved-type");
        nothingStored();
    }

    @Test
    @DisplayName("NTF-1: an event for a SNILS nobody holds is refused at `recipient`; nothing is stored")
    void unknownCitizen() {
        HttpResponse<String> refused = client.postWith(token, EVENTS, JSON, charge(TestCitizens.newSnils(), "charge-issued",
                chargeVariables("1500.00")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errors(refused)).containsExactly("recipient no-such-citizen");
        assertThat(eventsOf(systemId())).isZero();
    }

    @Test
    @DisplayName("GW-2: the same Idempotency-Key with the same body returns the first answer and raises one event; "
            + "another body is 409; a message may use the same key")
    void idempotency() {
        String body = charge(citizen.snils(), "charge-issued", chargeVariables("1500.00"));
        String idempotencyKey = UUID.randomUUID().toString();
        HttpResponse<String> first = client.postWith(token, EVENTS, JSON, body, "Idempotency-Key", idempotencyKey);
        HttpResponse<String> again = client.postWith(token, EVENTS, JSON, body, "Idempotency-Key", idempotencyKey);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventsOf(systemId())).isEqualTo(1);

        HttpResponse<String> other = client.postWith(token, EVENTS, JSON,
                charge(citizen.snils(), "charge-issued", chargeVariables("1600.00")), "Idempotency-Key", idempotencyKey);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(eventsOf(systemId())).isEqualTo(1);

        HttpResponse<String> message = client.postWith(token, "/api/v1/messages", JSON,
                MessagesApiTests.message(citizen.snils(), ""), "Idempotency-Key", idempotencyKey);
        assertThat(message.statusCode()).as(message.body()).isEqualTo(202);
        assertThat(message.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    @DisplayName("GW-1, NTF-1: a test credential's event is checked and answered with sandbox, but stored nowhere")
    void sandbox() {
        CredentialIssuing.Issued test = GatewayFixtures.key(registry, issuing, CredentialKind.TEST);
        String testToken = client.token(test.credential().credential().clientId(), test.secret());
        HttpResponse<String> sent = client.postWith(testToken, EVENTS, JSON, charge(citizen.snils(), "charge-issued",
                chargeVariables("1500.00")));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = TokenClient.json(sent);
        assertThat(answer.get("sandbox").asBoolean()).isTrue();
        assertThat(answer.get("status").asString()).isEqualTo("accepted");
        UUID systemId = test.credential().credential().systemId();
        assertThat(eventsOf(systemId)).isZero();
        assertThat(mailOf(citizen)).isZero();
        assertThat(client.getWith(testToken, EVENTS + "/" + answer.get("id").asString()).statusCode()).isEqualTo(404);

        HttpResponse<String> refused = client.postWith(testToken, EVENTS, JSON, charge(citizen.snils(), "charge-issued",
                chargeVariables("много")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errors(refused)).containsExactly("variables.amount invalid-amount");
    }

    @Test
    @DisplayName("GW-3: the system that raised an event sees each channel's status; another system and a malformed id get 404")
    void statusPerChannel() {
        String id = TokenClient.json(client.postWith(token, EVENTS, JSON, charge(citizen.snils(), "charge-issued",
                chargeVariables("1500.00")))).get("id").asString();

        HttpResponse<String> found = client.getWith(token, EVENTS + "/" + id);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode status = TokenClient.json(found);
        assertThat(status.get("id").asString()).isEqualTo(id);
        assertThat(status.get("type").asString()).isEqualTo("charge-issued");
        assertThat(status.get("createdAt").asString()).isNotBlank();
        assertThat(status.get("notifications")).isNotEmpty().allSatisfy(n -> {
            assertThat(n.get("channel").asString()).isIn("email", "sms", "push");
            assertThat(n.get("status").asString()).isIn(STATUSES);
            assertThat(n.get("attempts").asInt()).isNotNegative();
            assertThat(n.get("updatedAt").asString()).isNotBlank();
        });
        HttpResponse<String> asXml = client.getWith(token, EVENTS + "/" + id, "Accept", XML);
        assertThat(asXml.body()).contains("<notifications><notification>").contains("<attempts>");

        CredentialIssuing.Issued other = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String otherToken = client.token(other.credential().credential().clientId(), other.secret());
        HttpResponse<String> foreign = client.getWith(otherToken, EVENTS + "/" + id);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(TokenClient.json(foreign).get("code").asString()).isEqualTo("event-not-found");
        assertThat(client.getWith(token, EVENTS + "/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("GW-1: raising needs messages:send and reading needs messages:read")
    void scopes() {
        CredentialIssuing.Issued reader = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE, Scope.MESSAGES_READ);
        String readerToken = client.token(reader.credential().credential().clientId(), reader.secret());
        HttpResponse<String> refused = client.postWith(readerToken, EVENTS, JSON, charge(citizen.snils(), "charge-issued",
                chargeVariables("1500.00")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TokenClient.json(refused).get("code").asString()).isEqualTo("scope-missing");
        assertThat(mailOf(citizen)).isZero();

        CredentialIssuing.Issued sender = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE, Scope.MESSAGES_SEND);
        String senderToken = client.token(sender.credential().credential().clientId(), sender.secret());
        assertThat(client.getWith(senderToken, EVENTS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("GW-2: a DTD (XXE) is refused unread, broken JSON is 400, an unknown format 415; nothing is stored")
    void malformed() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<event xmlns=\"urn:gospochta:api:v1\"><type>&x;</type></event>";
        HttpResponse<String> dtd = client.postWith(token, EVENTS, XML, xxe);
        assertThat(dtd.statusCode()).isEqualTo(400);
        assertThat(dtd.body()).doesNotContain("root:").contains("malformed-xml");
        assertThat(client.postWith(token, EVENTS, JSON, "{\"type\": ").statusCode()).isEqualTo(400);
        assertThat(client.postWith(token, EVENTS, "text/plain", "charge-issued").statusCode()).isEqualTo(415);
        nothingStored();
    }

    @Test
    @DisplayName("NTF-1, GW-2: the contract is published: event.xsd, and OpenAPI naming every type an agency may raise")
    void published() throws IOException {
        HttpResponse<String> xsd = client.get("/api/v1/schema/event.xsd");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("targetNamespace=\"urn:gospochta:api:v1\"").contains("name=\"event\"");

        String openApi = client.get("/v3/api-docs").body();
        assertThat(openApi).contains("/api/v1/events").contains("/api/v1/events/{id}").contains("\"EventStatus\"");
        try (InputStream catalogue = new ClassPathResource("notify/catalogue.json").getInputStream()) {
            TokenClient.JSON.readTree(catalogue).get("types").forEach(type -> {
                if (!type.path("internal").asBoolean(false)) {
                    assertThat(openApi).as("the API description names %s", type.get("type").asString())
                            .contains(type.get("type").asString());
                }
            });
        }
    }
}
