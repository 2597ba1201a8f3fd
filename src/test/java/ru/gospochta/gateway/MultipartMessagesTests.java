package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.internal.messages.AttachmentInfo;
import ru.gospochta.mailbox.internal.messages.DownloadedFile;
import ru.gospochta.mailbox.internal.messages.Mailbox;

/** One message with its files as multipart/form-data parts, over real HTTP with real tokens (GW-2, APL-2). */
@IdentityTest
class MultipartMessagesTests {

    static final String MESSAGES = "/api/v1/messages";
    static final String JSON = "application/json";
    static final String PDF = "application/pdf";
    static final int MB = 1024 * 1024;

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired Mailbox mailbox;

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

    static byte[] pdf() {
        return Base64.getDecoder().decode(MessagesApiTests.pdf());
    }

    static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};

    String message() {
        return MessagesApiTests.message(citizen.snils(), "");
    }

    @Test
    @DisplayName("GW-2, APL-2: multipart message with a Cyrillic-named PDF part is delivered byte-identical, after its base64 attachment; a name in filename* too")
    void cyrillicPdfPartDelivered() {
        byte[] inline = pdf();
        byte[] first = pdf();
        byte[] second = Arrays.copyOf(pdf(), pdf().length);
        // As long as a name may be (255 characters), percent-encoded: a part header of over 1.5 KB.
        String longName = "Приложение «А» " + "я".repeat(255 - 19) + ".pdf";
        ApiForm form = new ApiForm()
                .message(JSON, MessagesApiTests.message(citizen.snils(), ", \"attachments\": [{\"fileName\": "
                        + "\"Справка.pdf\", \"content\": \"" + Base64.getEncoder().encodeToString(inline) + "\"}]"))
                .file("Решение по заявлению № 42.pdf", PDF, first)
                .fileEncoded(longName, "application/octet-stream", second);

        HttpResponse<String> sent = client.postForm(token, MESSAGES, form);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = TokenClient.json(sent);
        assertThat(answer.get("status").asString()).isEqualTo("delivered");
        UUID id = UUID.fromString(answer.get("id").asString());
        List<AttachmentInfo> files = mailbox.open(citizen.id(), id, "127.0.0.1").attachments();
        assertThat(files).extracting(AttachmentInfo::fileName)
                .containsExactly("Справка.pdf", "Решение по заявлению № 42.pdf", longName);
        List<byte[]> contents = new ArrayList<>();
        for (AttachmentInfo file : files) {
            DownloadedFile downloaded = mailbox.download(citizen.id(), id, file.id(), "127.0.0.1");
            assertThat(downloaded.mediaType()).isEqualTo(PDF);
            contents.add(downloaded.content());
        }
        assertThat(contents).containsExactly(inline, first, second);
    }

    @Test
    @DisplayName("GW-2: an XML message part is read as XML and answered in XML")
    void xmlMessagePart() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <message xmlns="urn:gospochta:api:v1">
                  <recipient><snils>%s</snils></recipient><category>documents-ready</category>
                  <subject>Документ готов</subject><body><text>Справка во вложении.</text></body>
                </message>""".formatted(citizen.snils());

        HttpResponse<String> sent = client.postForm(token, MESSAGES,
                new ApiForm().message("application/xml; charset=UTF-8", xml).file("Справка.pdf", PDF, pdf()));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(sent.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(sent.body()).contains("<status>delivered</status>");
        assertThat(db.sql("SELECT count(*) FROM mailbox.attachments WHERE account = :a").param("a", citizen.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("APL-2, GW-2: a program renamed .pdf as a part refuses the message with «executable» at its path; nothing is stored")
    void renamedExecutablePart() {
        ApiForm form = new ApiForm()
                .message(JSON, MessagesApiTests.message(citizen.snils(), ", \"attachments\": [{\"fileName\": "
                        + "\"Справка.pdf\", \"content\": \"" + MessagesApiTests.pdf() + "\"}]"))
                .file("Приказ.pdf", PDF, EXE);

        HttpResponse<String> refused = client.postForm(token, MESSAGES, form);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode error = TokenClient.json(refused).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("attachments[1]");
        assertThat(error.get("code").asString()).isEqualTo("executable");
        assertThat(error.get("message").asString()).contains("Приказ.pdf");
        assertNothingStored();
    }

    @Test
    @DisplayName("APL-2: a part over 10 MB is refused «Размер превышает лимит» with file-too-large; nothing is stored")
    void partOverTenMegabytes() {
        byte[] big = Arrays.copyOf(pdf(), 10 * MB + 1);

        HttpResponse<String> refused = client.postForm(token, MESSAGES,
                new ApiForm().message(JSON, message()).file("Большой.pdf", PDF, big));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode error = TokenClient.json(refused).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("attachments[0]");
        assertThat(error.get("code").asString()).isEqualTo("file-too-large");
        assertThat(error.get("message").asString()).startsWith("Размер превышает лимит").contains("Большой.pdf");
        assertNothingStored();
    }

    @Test
    @DisplayName("GW-2: a form over 50 MB is 413 with the too-large problem, whether its length is declared or it comes chunked; nothing is stored")
    void formOverFiftyMegabytes() {
        ApiForm form = new ApiForm().message(JSON, message());
        for (int i = 0; i < 6; i++) {
            form.file("Часть " + i + ".pdf", PDF, Arrays.copyOf(pdf(), 9 * MB));
        }
        byte[] body = form.bytes();
        assertThat(body.length).isGreaterThan(51 * MB + 64 * 1024);

        HttpResponse<String> declared = client.postBody(token, MESSAGES, form.contentType(),
                HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> chunked = client.postBody(token, MESSAGES, form.contentType(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        for (HttpResponse<String> refused : List.of(declared, chunked)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = TokenClient.json(refused);
            assertThat(problem.get("code").asString()).isEqualTo("payload-too-large");
            assertThat(problem.get("status").asInt()).isEqualTo(413);
            assertThat(problem.get("detail").asString()).isNotBlank();
        }
        assertNothingStored();
    }

    @Test
    @DisplayName("GW-2: a form without its message part, with two, with a part that is no file, or cut off is 400 with its own code; nothing is stored")
    void unreadableForms() {
        assertProblem(client.postForm(token, MESSAGES, new ApiForm().file("Справка.pdf", PDF, pdf())),
                400, "multipart-message-missing");
        assertProblem(client.postForm(token, MESSAGES, new ApiForm().message(JSON, message()).message(JSON, message())),
                400, "multipart-message-repeated");
        HttpResponse<String> stray = client.postForm(token, MESSAGES, new ApiForm().message(JSON, message())
                .part("Content-Disposition: form-data; name=\"note\"\r\n", "x".getBytes(StandardCharsets.UTF_8)));
        assertProblem(stray, 400, "multipart-stray-part");
        assertThat(TokenClient.json(stray).get("detail").asString()).contains("«note»");
        ApiForm whole = new ApiForm().message(JSON, message()).file("Справка.pdf", PDF, pdf());
        byte[] cut = Arrays.copyOf(whole.bytes(), whole.bytes().length - 40);
        assertProblem(client.postBody(token, MESSAGES, whole.contentType(), HttpRequest.BodyPublishers.ofByteArray(cut)),
                400, "multipart-unreadable");
        assertNothingStored();
    }

    @Test
    @DisplayName("GW-2: a message part that is neither JSON nor XML is 415; a batch as a form is 415; too many file parts is 422")
    void wrongShapes() {
        HttpResponse<String> plain = client.postForm(token, MESSAGES, new ApiForm().message("text/plain", message()),
                "Accept-Language", "en");
        assertProblem(plain, 415, "multipart-message-type");
        assertThat(TokenClient.json(plain).get("detail").asString()).contains("application/json");
        assertProblem(client.postForm(token, MESSAGES + "/batch", new ApiForm().message(JSON, "{\"messages\": ["
                + message() + "]}")), 415, "unsupported-media-type");
        ApiForm many = new ApiForm().message(JSON, message());
        for (int i = 0; i < 21; i++) {
            many.file("Справка " + i + ".pdf", PDF, pdf());
        }
        HttpResponse<String> refused = client.postForm(token, MESSAGES, many);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(TokenClient.json(refused).get("errors").get(0).get("code").asString()).isEqualTo("too-many-files");
        assertNothingStored();
    }

    @Test
    @DisplayName("GW-2: the same Idempotency-Key with the same parts replays the first answer; with other file bytes, 409")
    void idempotentForms() {
        String idempotencyKey = UUID.randomUUID().toString();
        byte[] file = pdf();
        HttpResponse<String> first = client.postForm(token, MESSAGES,
                new ApiForm().message(JSON, message()).file("Справка.pdf", PDF, file), "Idempotency-Key", idempotencyKey);
        HttpResponse<String> again = client.postForm(token, MESSAGES,
                new ApiForm().message(JSON, message()).file("Справка.pdf", PDF, file), "Idempotency-Key", idempotencyKey);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(storedOf(systemId())).isEqualTo(1);

        byte[] other = Arrays.copyOf(file, file.length + 1);
        HttpResponse<String> changed = client.postForm(token, MESSAGES,
                new ApiForm().message(JSON, message()).file("Справка.pdf", PDF, other), "Idempotency-Key", idempotencyKey);
        HttpResponse<String> renamed = client.postForm(token, MESSAGES,
                new ApiForm().message(JSON, message()).file("Справка 2.pdf", PDF, file), "Idempotency-Key", idempotencyKey);
        assertProblem(changed, 409, "idempotency-key-reused");
        assertProblem(renamed, 409, "idempotency-key-reused");
        assertThat(storedOf(systemId())).isEqualTo(1);
    }

    @Test
    @DisplayName("GW-1: a form without a token is 401 like any other call")
    void formNeedsToken() {
        ApiForm form = new ApiForm().message(JSON, message()).file("Справка.pdf", PDF, pdf());
        HttpResponse<String> refused = client.postBody(null, MESSAGES, form.contentType(),
                HttpRequest.BodyPublishers.ofByteArray(form.bytes()));

        assertProblem(refused, 401, "token-missing");
        assertNothingStored();
    }

    @Test
    @DisplayName("GW-2: the OpenAPI document describes the multipart form of a message")
    void formIsPublished() {
        HttpResponse<String> openApi = client.get("/v3/api-docs");

        assertThat(openApi.body()).contains("multipart/form-data").contains("\"MessageForm\"").contains("\"binary\"");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(TokenClient.json(response).get("code").asString()).isEqualTo(code);
    }

    private void assertNothingStored() {
        assertThat(storedOf(systemId())).isZero();
        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :a").param("a", citizen.id())
                .query(Integer.class).single()).isZero();
    }

    private int storedOf(UUID systemId) {
        return db.sql("SELECT count(*) FROM gateway.messages WHERE system_id = :s").param("s", systemId)
                .query(Integer.class).single();
    }

    private UUID systemId() {
        return key.credential().credential().systemId();
    }
}
