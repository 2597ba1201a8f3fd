package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.internal.messages.Mailbox;

@IdentityTest
@RecordApplicationEvents
@DisplayName("MBX-1: the mailbox over real HTTP")
class MailboxPagesTests {

    static final byte[] PDF = "%PDF-1.4\n% Выписка: бинарные байты \u0000\u00ff\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    @Autowired MailboxDelivery delivery;
    @Autowired Mailbox mailbox;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @Autowired ApplicationEvents events;
    @LocalServerPort int port;

    Citizen citizen;

    @BeforeEach
    void signedIn() {
        citizen = Citizen.signedIn(port, accounts, passwords, sessions);
    }

    @Test
    @DisplayName("MBX-1: a delivered message is in «Входящие», unread, with its sender, subject, date and a clip for its file")
    void deliveredMessageIsListed() {
        Letter letter = Letter.to(citizen.id()).subject("Выписка из ЕГРН готова").from(Letter.MVD, "Росреестр")
                .file("Выписка.pdf", "application/pdf", PDF, "");
        delivery.deliver(letter.build());

        String inbox = citizen.get("/cabinet/mailbox").body();
        assertThat(inbox).contains("Выписка из ЕГРН готова", "Росреестр", "id=\"m-" + letter.id() + "\"")
                .contains("message-row unread").contains("Вложений: 1.").contains("Не прочитано.");
        assertThat(inbox).containsPattern("id=\"folder-inbox\"[^>]*aria-current=\"page\"|aria-current=\"page\"[^>]*id=\"folder-inbox\"");
        assertThat(citizen.get("/cabinet").body()).contains("id=\"mailbox-card\"").contains("Непрочитанных сообщений: 1");
    }

    @Test
    @DisplayName("MBX-1: the message page shows sender agency, category, related application, due date and body; the first opening marks it read")
    void messagePage() {
        Letter letter = Letter.to(citizen.id()).subject("Заявление о замене паспорта принято").from(Letter.MVD, "МВД России")
                .category("application-status").application("№ 4321098765").due(LocalDate.of(2031, 3, 14))
                .text("Ваше заявление принято к рассмотрению.").important();
        delivery.deliver(letter.build());

        HttpResponse<String> page = citizen.get("/cabinet/mailbox/messages/" + letter.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Заявление о замене паспорта принято", "МВД России", "Статус заявлений и обращений",
                "№ 4321098765", "до 14.03.2031", "Ваше заявление принято к рассмотрению.", "Важное", "ГП-ТЕСТ-");
        var state = db.sql("SELECT read_at IS NOT NULL AS read, first_opened_at IS NOT NULL AS opened FROM mailbox.messages WHERE id = :id")
                .param("id", letter.id()).query().singleRow();
        assertThat(state).containsEntry("read", true).containsEntry("opened", true);
        assertThat(citizen.get("/cabinet/mailbox").body()).contains("message-row read");
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'mailbox.message-opened' AND target = :t")
                .param("t", "message:" + letter.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("MBX-1: an HTML body is served alone under a sandbox policy and shown in a sandboxed frame")
    void htmlBodyIsSandboxed() {
        Letter letter = Letter.to(citizen.id()).html("<p>Сумма к уплате: <strong>8 940,00 ₽</strong></p>");
        delivery.deliver(letter.build());

        String page = citizen.get("/cabinet/mailbox/messages/" + letter.id()).body();
        assertThat(page).contains("<iframe id=\"body-frame\" class=\"message-html\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
                .contains("/cabinet/mailbox/messages/" + letter.id() + "/body");

        HttpResponse<String> body = citizen.get("/cabinet/mailbox/messages/" + letter.id() + "/body");
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(body.body()).contains("<strong>8 940,00 ₽</strong>");
        assertThat(body.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("sandbox").contains("default-src 'none'").doesNotContain("allow-scripts")
                        .doesNotContain("allow-same-origin"));
        assertThat(body.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(citizen.get("/cabinet/mailbox/messages/" + deliverText() + "/body").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("MBX-1, APL-2: an attachment downloads byte-identical with its Cyrillic name (RFC 5987), its type and nosniff; the download is audited")
    void attachmentDownload() {
        Letter letter = Letter.to(citizen.id()).file("Выписка из ЕГРН №1 (копия).pdf", "application/pdf", PDF, "");
        delivery.deliver(letter.build());
        String page = citizen.get("/cabinet/mailbox/messages/" + letter.id()).body();
        UUID attachment = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", letter.id())
                .query(UUID.class).single();
        String path = "/cabinet/mailbox/messages/" + letter.id() + "/attachments/" + attachment;
        assertThat(page).contains(path).contains("Выписка из ЕГРН №1 (копия).pdf").contains("PDF, " + PDF.length + " Б");

        HttpResponse<byte[]> file = citizen.download(path);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PDF);
        assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"_______ __ ____ _1 (_____).pdf\"; "
                + "filename*=UTF-8''%D0%92%D1%8B%D0%BF%D0%B8%D1%81%D0%BA%D0%B0%20%D0%B8%D0%B7%20%D0%95%D0%93%D0%A0%D0%9D%20"
                + "%E2%84%961%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29.pdf");
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'mailbox.attachment-downloaded' AND target = :t")
                .param("t", "message:" + letter.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("MBX-1: the first opening publishes MessageRead once; marking unread and opening again does not repeat it")
    void firstOpeningPublishesMessageRead() {
        UUID id = deliverText();
        assertThat(events.stream(MessageDelivered.class).filter(e -> e.messageId().equals(id))).hasSize(1);

        mailbox.open(citizen.id(), id, "127.0.0.1");
        mailbox.markRead(citizen.id(), id, false, "127.0.0.1");
        mailbox.open(citizen.id(), id, "127.0.0.1");

        List<MessageRead> read = events.stream(MessageRead.class).filter(e -> e.messageId().equals(id)).toList();
        assertThat(read).hasSize(1);
        assertThat(read.getFirst().account()).isEqualTo(citizen.id());
    }

    @Test
    @DisplayName("MBX-1: read/unread and flag act on the message and show in the list")
    void readUnreadAndFlag() {
        UUID id = deliverText();

        assertThat(citizen.post("/cabinet/mailbox/messages/" + id + "/read").statusCode()).isEqualTo(302);
        assertThat(citizen.get("/cabinet/mailbox").body()).contains("message-row read");
        assertThat(citizen.post("/cabinet/mailbox/messages/" + id + "/unread").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet/mailbox/folders/00000000-0000-0000-0000-000000000001"));
        assertThat(citizen.get("/cabinet/mailbox").body()).contains("message-row unread");

        citizen.post("/cabinet/mailbox/messages/" + id + "/flag", "flagged", "true");
        assertThat(citizen.get("/cabinet/mailbox").body()).contains("С флажком.");
        citizen.post("/cabinet/mailbox/messages/" + id + "/flag", "flagged", "false");
        assertThat(citizen.get("/cabinet/mailbox").body()).doesNotContain("С флажком.");
    }

    @Test
    @DisplayName("UI-1: the mailbox speaks English when asked")
    void english() {
        deliverText();
        assertThat(citizen.get("/cabinet/mailbox?lang=en").body()).contains("Inbox", "Message history", "My documents");
    }

    private UUID deliverText() {
        Letter letter = Letter.to(citizen.id());
        delivery.deliver(letter.build());
        return letter.id();
    }
}
