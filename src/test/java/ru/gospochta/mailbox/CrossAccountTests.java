package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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

import ru.gospochta.WebClient;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * SEC-3, issue item 7: nobody reads another's mail. Every mailbox endpoint is called by a second
 * citizen with the first one's ids and answers 404 — the same as for ids that do not exist — and
 * the owner's mailbox is unchanged afterwards.
 */
@IdentityTest
@DisplayName("MBX-1, SEC-3: another citizen's ids are «not found» on every mailbox endpoint")
class CrossAccountTests {

    static final String ARCHIVE = "00000000-0000-0000-0000-000000000002";

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    Citizen owner;
    Citizen intruder;
    UUID message;
    UUID attachment;
    UUID folder;
    UUID intruderMessage;

    @BeforeEach
    void twoMailboxes() {
        owner = Citizen.signedIn(port, accounts, passwords, sessions);
        intruder = Citizen.signedIn(port, accounts, passwords, sessions);
        Letter letter = Letter.to(owner.id()).subject("Личное: решение по заявлению").html("<p>Личное</p>")
                .file("Решение.pdf", "application/pdf", "%PDF-1.4 решение".getBytes(StandardCharsets.UTF_8), "решение суда");
        delivery.deliver(letter.build());
        message = letter.id();
        attachment = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", message).query(UUID.class).single();
        owner.post("/cabinet/mailbox/folders", "name", "Суды");
        folder = db.sql("SELECT id FROM mailbox.folders WHERE account = :a").param("a", owner.id()).query(UUID.class).single();
        Letter own = Letter.to(intruder.id());
        delivery.deliver(own.build());
        intruderMessage = own.id();
    }

    @Test
    @DisplayName("SEC-3: reading — the message page, its body, its row, its file, and the owner's folder pages")
    void reading() {
        String m = "/cabinet/mailbox/messages/" + message;
        for (String path : new String[] {m, m + "/body", m + "/row", "/cabinet/mailbox/folders/" + folder,
                "/cabinet/mailbox/folders/" + folder + "/rows", "/cabinet/mailbox/folders/" + folder + "/delete"}) {
            var response = intruder.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("Личное", "Суды");
        }
        assertThat(intruder.download(m + "/attachments/" + attachment).statusCode()).isEqualTo(404);
        assertThat(intruder.download("/cabinet/mailbox/messages/" + intruderMessage + "/attachments/" + attachment).statusCode())
                .isEqualTo(404);
        assertThat(intruder.get("/cabinet/mailbox/nav?current=" + folder).body()).doesNotContain("Суды");
    }

    @Test
    @DisplayName("SEC-3: acting — read, unread, flag, move, move into the owner's folder, rename and delete the owner's folder")
    void acting() {
        String m = "/cabinet/mailbox/messages/" + message;
        Map<String, String[]> posts = Map.of(
                m + "/read", new String[0],
                m + "/unread", new String[0],
                m + "/flag", new String[] {"flagged", "true"},
                m + "/move", new String[] {"folder", ARCHIVE},
                "/cabinet/mailbox/messages/" + intruderMessage + "/move", new String[] {"folder", folder.toString()},
                "/cabinet/mailbox/folders/" + folder + "/rename", new String[] {"name", "Захвачено"},
                "/cabinet/mailbox/folders/" + folder + "/delete", new String[0]);
        posts.forEach((path, fields) -> assertThat(intruder.post(path, fields).statusCode()).as(path).isEqualTo(404));

        var state = db.sql("SELECT read_at IS NULL AS unread, flagged, folder_id FROM mailbox.messages WHERE id = :id")
                .param("id", message).query().singleRow();
        assertThat(state).containsEntry("unread", true).containsEntry("flagged", false)
                .containsEntry("folder_id", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(db.sql("SELECT name FROM mailbox.folders WHERE id = :id").param("id", folder).query(String.class).single())
                .isEqualTo("Суды");
        assertThat(db.sql("SELECT folder_id FROM mailbox.messages WHERE id = :id").param("id", intruderMessage)
                .query(UUID.class).single()).hasToString("00000000-0000-0000-0000-000000000001");
    }

    @Test
    @DisplayName("SEC-3: listing and searching — the inbox, the history by the owner's agency or words, «Мои документы»")
    void listingAndSearching() {
        assertThat(Pages.rows(intruder.get("/cabinet/mailbox").body())).containsExactly(intruderMessage);
        assertThat(Pages.rows(intruder.get("/cabinet/mailbox/history").body())).containsExactly(intruderMessage);
        assertThat(Pages.rows(intruder.get("/cabinet/mailbox/history?q=%D1%80%D0%B5%D1%88%D0%B5%D0%BD%D0%B8%D0%B5").body()))
                .isEmpty();
        assertThat(intruder.get("/cabinet/mailbox/documents").body()).doesNotContain("Решение.pdf", attachment.toString());
        assertThat(owner.get("/cabinet/mailbox/documents").body()).contains("Решение.pdf");
        assertThat(intruder.get("/cabinet/mailbox/folders").body()).doesNotContain("Суды");
    }

    @Test
    @DisplayName("SEC-3: a visitor who is not signed in is sent to the sign-in page, and the new-mail stream is closed to them")
    void anonymous() {
        WebClient anonymous = new WebClient(port);
        for (String path : new String[] {"/cabinet/mailbox", "/cabinet/mailbox/messages/" + message,
                "/cabinet/mailbox/messages/" + message + "/attachments/" + attachment, "/cabinet/mailbox/events",
                "/cabinet/mailbox/history", "/cabinet/mailbox/documents"}) {
            var response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }
}
