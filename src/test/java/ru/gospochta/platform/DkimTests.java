package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.IntegrationTest;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.NewEvent;
import ru.gospochta.notify.Notifications;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Letters are signed with DKIM; what the catcher received over SMTP is checked by a verifier of another make. */
@IntegrationTest
class DkimTests {

    @Autowired OutgoingMail mail;
    @Autowired MailCatcher catcher;
    @Autowired DataDirectory dataDirectory;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @Autowired Accounts accounts;
    @Autowired Notifications notifications;
    @LocalServerPort int port;

    String recordName;
    String recordValue;

    @BeforeEach
    void publishedRecord() {
        TestStaff.ensureAdmin(db, passwords);
        String basic = Base64.getEncoder().encodeToString((TestStaff.ADMIN + ":" + TestStaff.PASSWORD).getBytes(StandardCharsets.UTF_8));
        JsonNode record = JsonMapper.builder().build().readTree(
                new WebClient(port).get("/actuator/dkim", "Authorization", "Basic " + basic).body());
        assertThat(record.get("enabled").asBoolean()).isTrue();
        recordName = record.get("name").asString();
        recordValue = record.get("value").asString();
    }

    @Test
    @DisplayName("NTF-5: every letter is DKIM-signed and verifies with an independent verifier, as read back over IMAP")
    void signedLetterVerifies() throws Exception {
        String to = "citizen-" + UUID.randomUUID() + "@example.ru";
        String messageId = mail.send(new Letter(to, "Ваше заявление принято к рассмотрению",
                "Здравствуйте, Иван Петрович!\nВаше заявление № 42 принято. Код проверки: 123456",
                "<p>Здравствуйте, <b>Иван Петрович</b>!</p><p>Код проверки: 123456</p>",
                Map.of("List-Unsubscribe", "<https://gospochta.local/unsubscribe/abc>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
                .withReference("ntf-42.attempt-1"));

        byte[] received = readOverImap(to);
        List<SignatureRecord> signatures = IndependentDkimVerifier.verify(received, recordName, recordValue);

        SignatureRecord signature = signatures.getFirst();
        assertThat(signature.getDToken().toString()).isEqualTo("gospochta.local");
        assertThat(signature.getSelector().toString()).isEqualTo("gp1");
        assertThat(signature.getHashAlgo().toString()).isEqualTo("sha-256");
        assertThat(signature.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
        List<String> signed = signature.getHeaders().stream().map(h -> h.toString().toLowerCase()).toList();
        assertThat(signed).contains("from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                "list-unsubscribe", "list-unsubscribe-post");
        assertThat(signed.stream().filter("from"::equals).count()).as("From is over-signed").isEqualTo(2);
        assertThat(messageId).isEqualTo("<ntf-42.attempt-1@gospochta.local>");
        assertThat(header(received, "Message-ID")).isEqualTo(messageId);
    }

    @Test
    @DisplayName("NTF-5: a letter the notification pipeline made from an event verifies with the independent verifier")
    void pipelineLetterVerifies() throws Exception {
        Account citizen = TestCitizens.create(accounts, passwords);
        String to = "pipeline-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
        db.sql("""
                        INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                        VALUES (:id, :account, 'PRIMARY', :address, 'CONFIRMED', now(), now())""")
                .param("id", UUID.randomUUID()).param("account", citizen.id()).param("address", to).update();
        notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "charge-issued", Map.of("operationId", "18810177",
                "date", "2026-11-20", "amount", "1500.00", "paymentDetails", "УФК по г. Москве, ИНН 7707329152",
                "link", "/cabinet/payments/18810177"), "system:test", null, null));

        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> CaughtMailbox.count(catcher.imapPort(), to) == 1);
        byte[] received = readOverImap(to);

        assertThat(IndependentDkimVerifier.verify(received, recordName, recordValue)).hasSize(1);
        assertThat(header(received, "Message-ID")).startsWith("<ntf-");
    }

    @Test
    @DisplayName("NTF-5: a plain-text letter with bare line feeds, trailing blanks and empty last lines verifies too")
    void plainLetterVerifies() throws Exception {
        String to = "plain-" + UUID.randomUUID() + "@example.ru";
        String messageId = mail.send(new Letter(to, "Уведомление", "Dear citizen,   \nline\twith  a tab \n\n\n", null));

        byte[] received = readOverImap(to);
        assertThat(IndependentDkimVerifier.verify(received, recordName, recordValue)).hasSize(1);
        assertThat(messageId).matches("<[0-9a-f-]{36}@gospochta\\.local>");
    }

    @Test
    @DisplayName("NTF-6: a copy altered on the way — body, subject, an added From — fails verification; re-folded whitespace does not")
    void alteredLetterFails() throws Exception {
        String to = "tamper-" + UUID.randomUUID() + "@example.ru";
        mail.send(new Letter(to, "Код подтверждения", "Код: 123456", "<p>Код: <b>123456</b></p>"));
        byte[] received = readOverImap(to);
        String letter = new String(received, StandardCharsets.ISO_8859_1);
        // Russian text travels in base64: a forger decodes the text part, changes the code and encodes it again.
        String marker = "Content-Transfer-Encoding: base64\r\n\r\n";
        int start = letter.indexOf(marker) + marker.length();
        int end = letter.indexOf("\r\n\r\n", start) < 0 ? letter.indexOf("\r\n--", start) : Math.min(letter.indexOf("\r\n--", start),
                letter.indexOf("\r\n\r\n", start));
        String genuine = letter.substring(start, end);
        String text = new String(Base64.getMimeDecoder().decode(genuine), StandardCharsets.UTF_8);
        assertThat(text).contains("123456");
        String forged = Base64.getMimeEncoder().encodeToString(text.replace("123456", "654321").getBytes(StandardCharsets.UTF_8));

        assertThat(IndependentDkimVerifier.verify(bytes(letter.replace("Subject: ", "Subject:   \r\n ")), recordName, recordValue))
                .as("relaxed canonicalization tolerates re-folding").hasSize(1);
        assertThatThrownBy(() -> IndependentDkimVerifier.verify(bytes(letter.replace(genuine, forged)), recordName, recordValue))
                .isInstanceOf(FailException.class);
        assertThatThrownBy(() -> IndependentDkimVerifier.verify(
                bytes(letter.replaceFirst("Subject: [^\r]*", "Subject: =?UTF-8?B?0KHRgNC+0YfQvdC+?=")), recordName, recordValue))
                .isInstanceOf(FailException.class);
        assertThatThrownBy(() -> IndependentDkimVerifier.verify(
                bytes("From: security@gospochta.local\r\n" + letter), recordName, recordValue))
                .isInstanceOf(FailException.class);
    }

    @Test
    @DisplayName("NTF-5: the key is 2048-bit RSA generated into the data directory for its owner only; the admin page shows the DNS record")
    void keyAndRecord() throws Exception {
        Path key = dataDirectory.root().resolve("keys").resolve("dkim-gp1.pem");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        assertThat(recordName).isEqualTo("gp1._domainkey.gospochta.local");
        assertThat(recordValue).startsWith("v=DKIM1; k=rsa; p=");
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(recordValue.substring(recordValue.indexOf("p=") + 2))));
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        assertThat(publicKey.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));

        WebClient admin = new WebClient(port);
        admin.signIn(TestStaff.ADMIN, TestStaff.PASSWORD);
        assertThat(admin.get("/admin/mail").body())
                .contains("gp1._domainkey.gospochta.local. IN TXT &quot;v=DKIM1; k=rsa; p=")
                .contains(recordValue.substring(recordValue.length() - 40));
    }

    private byte[] readOverImap(String to) throws Exception {
        MimeMessage[] letters = CaughtMailbox.letters(catcher.imapPort(), to);
        assertThat(letters).hasSize(1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        letters[0].writeTo(raw);
        return raw.toByteArray();
    }

    private static String header(byte[] letter, String name) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(letter)).getHeader(name, null);
    }

    private static byte[] bytes(String letter) {
        return letter.getBytes(StandardCharsets.ISO_8859_1);
    }
}
