package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.internal.crypto.DataKeys;
import ru.gospochta.mailbox.internal.crypto.SealBroken;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.platform.DataDirectory;

@IdentityTest
@DisplayName("MBX-9: bodies and attachments encrypted at rest under per-mailbox keys")
class EncryptionTests {

    @Autowired MailboxDelivery delivery;
    @Autowired Mailbox mailbox;
    @Autowired DataKeys dataKeys;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @Autowired DataDirectory dataDirectory;
    @LocalServerPort int port;

    Citizen citizen;

    @BeforeEach
    void signedIn() {
        citizen = Citizen.signedIn(port, accounts, passwords, sessions);
    }

    @Test
    @DisplayName("MBX-9: neither the database row nor the stored file holds the body or the file in clear; the subject does, as documented")
    void ciphertextAtRest() throws Exception {
        String secret = "Тайна-" + UUID.randomUUID();
        byte[] file = ("%PDF-1.4 " + secret).getBytes(StandardCharsets.UTF_8);
        Letter letter = Letter.to(citizen.id()).subject("Тема в открытом виде").text("Текст: " + secret)
                .html("<p>" + secret + "</p>").file("Справка.pdf", "application/pdf", file, "");
        delivery.deliver(letter.build());

        var row = db.sql("SELECT subject, body_text, body_html FROM mailbox.messages WHERE id = :id")
                .param("id", letter.id()).query().singleRow();
        assertThat(row.get("subject")).isEqualTo("Тема в открытом виде");
        for (String column : List.of("body_text", "body_html")) {
            assertThat(new String((byte[]) row.get(column), StandardCharsets.ISO_8859_1))
                    .as(column).doesNotContain(latin1(secret)).doesNotContain("Текст");
        }
        String blobKey = db.sql("SELECT blob_key FROM mailbox.attachments WHERE message_id = :id").param("id", letter.id())
                .query(String.class).single();
        byte[] stored = Files.readAllBytes(dataDirectory.root().resolve("blobs").resolve(blobKey));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(latin1(secret)).doesNotContain("%PDF");
        assertThat(stored.length).isEqualTo(file.length + 1 + 12 + 16);
        String wrapped = db.sql("SELECT encode(wrapped, 'base64') FROM mailbox.data_keys WHERE account = :a")
                .param("a", citizen.id()).query(String.class).single();
        assertThat(Base64.getMimeDecoder().decode(wrapped)).hasSize(1 + 12 + 32 + 16);

        assertThat(citizen.get("/cabinet/mailbox/messages/" + letter.id()).body()).contains("Текст: " + secret);
    }

    @Test
    @DisplayName("MBX-9: a body copied onto another message, a file onto another file, or a wrapped key onto another mailbox does not open")
    void ciphertextIsBoundToItsRow() throws Exception {
        Letter first = Letter.to(citizen.id()).text("Первое").file("a.pdf", "application/pdf", bytes("первый файл"), "");
        Letter second = Letter.to(citizen.id()).text("Второе").file("b.pdf", "application/pdf", bytes("второй файл"), "");
        delivery.deliverAll(List.of(first.build(), second.build()));

        db.sql("UPDATE mailbox.messages SET body_text = (SELECT body_text FROM mailbox.messages WHERE id = :from) WHERE id = :to")
                .param("from", first.id()).param("to", second.id()).update();
        assertThatThrownBy(() -> mailbox.open(citizen.id(), second.id(), "127.0.0.1")).isInstanceOf(SealBroken.class);
        assertThat(citizen.get("/cabinet/mailbox/messages/" + second.id()).statusCode()).isEqualTo(500);
        assertThat(citizen.get("/cabinet/mailbox/messages/" + first.id()).body()).contains("Первое");

        Path blobs = dataDirectory.root().resolve("blobs");
        Path firstFile = blobs.resolve(blobKey(first.id()));
        Files.copy(firstFile, blobs.resolve(blobKey(second.id())), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        UUID secondAttachment = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", second.id())
                .query(UUID.class).single();
        assertThatThrownBy(() -> mailbox.download(citizen.id(), second.id(), secondAttachment, "127.0.0.1"))
                .isInstanceOf(SealBroken.class);

        Citizen other = Citizen.signedIn(port, accounts, passwords, sessions);
        Letter theirs = Letter.to(other.id()).text("Чужое");
        delivery.deliver(theirs.build());
        byte[] theirKey = db.sql("SELECT wrapped FROM mailbox.data_keys WHERE account = :a").param("a", other.id())
                .query(byte[].class).single();
        db.sql("UPDATE mailbox.data_keys SET wrapped = (SELECT wrapped FROM mailbox.data_keys WHERE account = :from) WHERE account = :to")
                .param("from", citizen.id()).param("to", other.id()).update();
        dataKeys.forget();
        try {
            assertThatThrownBy(() -> mailbox.open(other.id(), theirs.id(), "127.0.0.1")).isInstanceOf(SealBroken.class);
        } finally {
            // Leave no broken key behind for anything that walks every mailbox of the shared database.
            db.sql("UPDATE mailbox.data_keys SET wrapped = :w WHERE account = :a").param("w", theirKey).param("a", other.id()).update();
        }
        assertThat(mailbox.open(other.id(), theirs.id(), "127.0.0.1").bodyText()).isEqualTo("Чужое");
    }

    @Test
    @DisplayName("MBX-9: a long body is stored out of line as its ciphertext, which the database does not try to compress")
    void ciphertextNotCompressed() {
        String longBody = "Уведомляем, что ваше заявление о предоставлении государственной услуги рассмотрено. ".repeat(60);
        Letter letter = Letter.to(citizen.id()).text(longBody);
        delivery.deliver(letter.build());

        assertThat(db.sql("""
                SELECT string_agg(attname::text || '=' || attstorage::text, ',' ORDER BY attname) FROM pg_attribute
                WHERE attrelid = 'mailbox.messages'::regclass AND attname IN ('body_text', 'body_html')""")
                .query(String.class).single()).isEqualTo("body_html=e,body_text=e");
        assertThat(db.sql("SELECT pg_column_compression(body_text) IS NULL AND octet_length(body_text) > 9000 "
                + "FROM mailbox.messages WHERE id = :id").param("id", letter.id()).query(Boolean.class).single()).isTrue();
        assertThat(mailbox.open(citizen.id(), letter.id(), "127.0.0.1").bodyText()).isEqualTo(longBody);
    }

    private String blobKey(UUID message) {
        return db.sql("SELECT blob_key FROM mailbox.attachments WHERE message_id = :m").param("m", message)
                .query(String.class).single();
    }

    private static byte[] bytes(String text) {
        return ("%PDF-1.4 " + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of the text, read as Latin-1, to search raw bytes with String methods. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
