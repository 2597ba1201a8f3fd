package ru.gospochta.gateway.internal.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import ru.gospochta.identity.Recipients;

/** The public contract's schema, for JSON and XML alike (GW-2), without a server. */
class MessagePayloadTests {

    static final String SNILS = "112-233-445 95";
    static final long LIMIT = 1_000_000;

    static JsonNode json(String body) {
        return PayloadReader.json(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIMIT);
    }

    static JsonNode xml(String body, List<Violation> violations) {
        return PayloadReader.xml(PayloadReader.MESSAGES, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIMIT,
                violations);
    }

    static final String GOOD_JSON = """
            {"recipient": {"snils": "112-233-445 95"}, "category": "application-status",
             "subject": "Решение по заявлению", "body": {"text": "Ваше заявление рассмотрено."},
             "applicationRef": "З-2026/0042", "dueDate": "2026-12-15", "priority": "high",
             "attachments": [{"fileName": "Решение.pdf", "contentType": "application/pdf", "content": "JVBERi0xLjQK"}]}""";

    static final String GOOD_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message xmlns="urn:gospochta:api:v1">
              <recipient><snils>112-233-445 95</snils></recipient>
              <category>application-status</category>
              <subject>Решение по заявлению</subject>
              <body><text>Ваше заявление рассмотрено.</text></body>
              <applicationRef>З-2026/0042</applicationRef>
              <dueDate>2026-12-15</dueDate>
              <priority>high</priority>
              <attachments><attachment><fileName>Решение.pdf</fileName><contentType>application/pdf</contentType><content>JVBERi0xLjQK</content></attachment></attachments>
            </message>""";

    @Test
    @DisplayName("GW-2: a message in JSON and the same in XML read to the same request")
    void jsonAndXmlAgree() {
        List<Violation> violations = new ArrayList<>();
        MessageRequest fromJson = MessageSchema.message(json(GOOD_JSON), "", violations);
        MessageRequest fromXml = MessageSchema.message(xml(GOOD_XML, violations), "", violations);
        assertThat(violations).isEmpty();
        assertThat(fromJson).isNotNull();
        assertThat(fromJson.recipient()).isEqualTo(new Recipients.Key(Recipients.By.SNILS, "11223344595"));
        assertThat(fromJson.subject()).isEqualTo("Решение по заявлению");
        assertThat(fromJson.attachments().getFirst().fileName()).isEqualTo("Решение.pdf");
        assertThat(new String(fromJson.attachments().getFirst().content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        assertThat(fromXml).usingRecursiveComparison().isEqualTo(fromJson);
    }

    @Test
    @DisplayName("GW-2: every broken rule of a message is reported at once, each with its field path and code")
    void everyErrorAtOnce() {
        List<Violation> violations = new ArrayList<>();
        MessageRequest request = MessageSchema.message(json("""
                {"recipient": {"snils": "112-233-445 96", "inn": "500100732259"}, "category": "security",
                 "subject": "", "body": {"text": "a", "html": "<p>b</p>"}, "dueDate": "15.12.2026",
                 "priority": "urgent", "colour": "red",
                 "attachments": [{"fileName": "a.pdf", "content": "%%%"}, {"content": "AAAA"}]}"""), "", violations);

        assertThat(request).isNull();
        assertThat(violations).extracting(v -> v.field() + " " + v.code()).containsExactlyInAnyOrder(
                "recipient one-recipient", "category unknown-category", "subject required", "body one-body",
                "dueDate invalid-date", "priority invalid-value", "colour unknown-field",
                "attachments[0].content invalid-base64", "attachments[1].fileName required");
    }

    @Test
    @DisplayName("GW-2: attachment content is base64 on one line or wrapped at 76 characters; any other character is refused, not skipped")
    void base64Content() {
        byte[] bytes = new byte[300];
        new java.util.Random(7).nextBytes(bytes);
        String line = Base64.getEncoder().encodeToString(bytes);
        String wrapped = Base64.getMimeEncoder().encodeToString(bytes);
        assertThat(wrapped).contains("\r\n");

        assertThat(MessageSchema.base64(line)).isEqualTo(bytes);
        assertThat(MessageSchema.base64(wrapped)).isEqualTo(bytes);
        assertThat(MessageSchema.base64(wrapped.replace("\r\n", "\n"))).isEqualTo(bytes);
        for (String broken : List.of(line.substring(0, 40) + "*" + line.substring(40), wrapped.replaceFirst("\r\n", "\r\n#"),
                line.substring(0, 10) + "ф" + line.substring(10), "%%%")) {
            assertThatThrownBy(() -> MessageSchema.base64(broken)).as(broken).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("GW-2: a SNILS with a wrong check number, a bad INN and a bad account id are told apart from missing ones")
    void recipientRules() {
        for (String[] row : new String[][] {
                {"{\"snils\": \"112-233-445 96\"}", "recipient.snils invalid-checksum"},
                {"{\"snils\": \"12345\"}", "recipient.snils invalid-format"},
                {"{\"inn\": \"500100732258\"}", "recipient.inn invalid-checksum"},
                {"{\"accountId\": \"not-a-uuid\"}", "recipient.accountId invalid-format"},
                {"{}", "recipient one-recipient"},
                {"\"11223344595\"", "recipient not-an-object"}}) {
            List<Violation> violations = new ArrayList<>();
            MessageSchema.message(json("{\"recipient\": " + row[0] + ", \"category\": \"payments\", \"subject\": \"s\", "
                    + "\"body\": {\"text\": \"t\"}}"), "", violations);
            assertThat(violations).as(row[0]).extracting(v -> v.field() + " " + v.code()).containsExactly(row[1]);
        }
    }

    @Test
    @DisplayName("GW-2: a batch holds 1 to 1,000 messages; errors carry the message's index")
    void batches() {
        List<Violation> violations = new ArrayList<>();
        List<MessageRequest> requests = MessageSchema.batch(json("{\"messages\": [" + GOOD_JSON + ", {\"subject\": \"x\"}]}"),
                violations);
        assertThat(requests).hasSize(1);
        assertThat(violations).extracting(Violation::field).contains("messages[1].recipient", "messages[1].body");

        List<Violation> empty = new ArrayList<>();
        MessageSchema.batch(json("{\"messages\": []}"), empty);
        assertThat(empty).extracting(Violation::code).containsExactly("batch-size");

        String many = "{\"messages\": [" + String.join(",", java.util.Collections.nCopies(1001, GOOD_JSON)) + "]}";
        List<Violation> tooMany = new ArrayList<>();
        MessageSchema.batch(PayloadReader.json(new ByteArrayInputStream(many.getBytes(StandardCharsets.UTF_8)), 10_000_000),
                tooMany);
        assertThat(tooMany).extracting(Violation::code).containsExactly("batch-size");
    }

    @Test
    @DisplayName("GW-2: an XML batch is read into the same list, and XSD errors carry the element's path")
    void xmlBatchAndSchemaErrors() {
        List<Violation> violations = new ArrayList<>();
        String one = GOOD_XML.substring(GOOD_XML.indexOf("<message")).replace(" xmlns=\"urn:gospochta:api:v1\"", "");
        JsonNode tree = xml("<messages xmlns=\"urn:gospochta:api:v1\">" + one + one + "</messages>", violations);
        assertThat(violations).isEmpty();
        assertThat(MessageSchema.batch(tree, violations)).hasSize(2);

        List<Violation> broken = new ArrayList<>();
        xml(GOOD_XML.replace("<priority>high</priority>", "<priority>urgent</priority>"), broken);
        assertThat(broken).extracting(Violation::field).contains("priority");
    }

    @Test
    @DisplayName("GW-2: XML with a DTD — external entities (XXE) or entity expansion — is refused unread")
    void noDtd() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE message [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <message xmlns="urn:gospochta:api:v1"><subject>&secret;</subject></message>""";
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <message xmlns="urn:gospochta:api:v1"><subject>&lol2;</subject></message>""";
        for (String body : List.of(xxe, laughs)) {
            assertThatThrownBy(() -> xml(body, new ArrayList<>())).isInstanceOf(MalformedPayload.class)
                    .satisfies(e -> assertThat(((MalformedPayload) e).code()).isEqualTo("malformed-xml"));
        }
    }

    @Test
    @DisplayName("GW-2: malformed UTF-8, broken JSON and duplicate keys are refused as malformed")
    void malformed() {
        byte[] badUtf8 = "{\"subject\": \"\u0000\"}".getBytes(StandardCharsets.UTF_8);
        badUtf8[13] = (byte) 0xC3;
        assertThatThrownBy(() -> PayloadReader.json(new ByteArrayInputStream(badUtf8), LIMIT)).isInstanceOf(MalformedPayload.class);
        byte[] badXml = GOOD_XML.getBytes(StandardCharsets.UTF_8);
        int at = GOOD_XML.indexOf("Решение") + 2;
        badXml[at] = (byte) 0xFF;
        assertThatThrownBy(() -> PayloadReader.xml(PayloadReader.MESSAGES, new ByteArrayInputStream(badXml), LIMIT, new ArrayList<>()))
                .isInstanceOf(MalformedPayload.class);
        assertThatThrownBy(() -> json("{\"subject\": ")).isInstanceOf(MalformedPayload.class);
        assertThatThrownBy(() -> json("{\"subject\": \"a\", \"subject\": \"b\"}")).isInstanceOf(MalformedPayload.class);
        assertThatThrownBy(() -> json("")).isInstanceOf(MalformedPayload.class);
    }

    @Test
    @DisplayName("GW-2: a body over the limit is refused while reading, for JSON and XML")
    void sizeLimit() {
        String big = "{\"subject\": \"" + "я".repeat(600) + "\"}";
        assertThatThrownBy(() -> PayloadReader.json(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), 1000))
                .isInstanceOf(PayloadTooLarge.class);
        String attachment = Base64.getEncoder().encodeToString(new byte[3000]);
        String bigXml = GOOD_XML.replace("JVBERi0xLjQK", attachment);
        assertThatThrownBy(() -> PayloadReader.xml(PayloadReader.MESSAGES,
                new ByteArrayInputStream(bigXml.getBytes(StandardCharsets.UTF_8)), 2000, new ArrayList<>()))
                .isInstanceOf(PayloadTooLarge.class);
    }
}
