package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

@IdentityTest
@DisplayName("MBX-1: folders — the system ones, the citizen's own, and moves between them")
class FolderTests {

    static final String INBOX = "00000000-0000-0000-0000-000000000001";
    static final String ARCHIVE = "00000000-0000-0000-0000-000000000002";

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    Citizen citizen;

    @BeforeEach
    void signedIn() {
        citizen = Citizen.signedIn(port, accounts, passwords, sessions);
    }

    @Test
    @DisplayName("MBX-1: every mailbox has «Входящие», «Архив» and «Подозрительные», with unread counts")
    void systemFolders() {
        delivery.deliverAll(List.of(Letter.to(citizen.id()).build(), Letter.to(citizen.id()).build()));

        String page = citizen.get("/cabinet/mailbox").body();
        assertThat(page).contains("id=\"folder-inbox\"", "id=\"folder-archive\"", "id=\"folder-suspicious\"",
                "Входящие", "Архив", "Подозрительные");
        assertThat(page).containsPattern("id=\"folder-inbox\"[\\s\\S]*?<span>2</span><span\\s+class=\"visually-hidden\">непрочитанных");
        assertThat(citizen.get("/cabinet/mailbox/folders/" + ARCHIVE).body()).contains("В этой папке нет сообщений.");
    }

    @Test
    @DisplayName("MBX-1: a message moves to «Архив» and to an own folder, and the lists and counts follow it")
    void moves() {
        Letter letter = Letter.to(citizen.id()).subject("Выписка из ЕГРН готова");
        delivery.deliver(letter.build());
        UUID taxes = createFolder("Налоги");

        HttpResponse<String> moved = citizen.post("/cabinet/mailbox/messages/" + letter.id() + "/move", "folder", ARCHIVE);
        assertThat(moved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/messages/" + letter.id()));
        assertThat(citizen.get("/cabinet/mailbox/folders/" + ARCHIVE).body()).contains("Выписка из ЕГРН готова");
        assertThat(citizen.get("/cabinet/mailbox").body()).doesNotContain("Выписка из ЕГРН готова");
        assertThat(citizen.get("/cabinet/mailbox/messages/" + letter.id()).body())
                .contains("Сообщение перемещено в папку «Архив».");

        citizen.post("/cabinet/mailbox/messages/" + letter.id() + "/move", "folder", taxes.toString());
        assertThat(citizen.get("/cabinet/mailbox/folders/" + taxes).body()).contains("Выписка из ЕГРН готова")
                .contains("<h2 id=\"folder-name\">Налоги</h2>");
        assertThat(citizen.get("/cabinet/mailbox/folders/" + ARCHIVE).body()).doesNotContain("Выписка из ЕГРН готова");
    }

    @Test
    @DisplayName("MBX-1: own folders are created, renamed and deleted; their messages go back to «Входящие»")
    void createRenameDelete() {
        UUID folder = createFolder("Справки");
        assertThat(citizen.get("/cabinet/mailbox").body()).contains("id=\"folder-" + folder + "\"").contains("Справки");

        assertThat(citizen.post("/cabinet/mailbox/folders/" + folder + "/rename", "name", "  Справки  2026 ").statusCode())
                .isEqualTo(302);
        assertThat(citizen.get("/cabinet/mailbox/folders").body()).contains("Папка переименована в «Справки 2026».")
                .contains("value=\"Справки 2026\"");

        Letter letter = Letter.to(citizen.id());
        delivery.deliver(letter.build());
        citizen.post("/cabinet/mailbox/messages/" + letter.id() + "/move", "folder", folder.toString());
        assertThat(citizen.get("/cabinet/mailbox/folders/" + folder + "/delete").body())
                .contains("Удалить папку «Справки 2026»?", "id=\"delete-yes\"", "id=\"delete-no\"");

        assertThat(citizen.post("/cabinet/mailbox/folders/" + folder + "/delete").statusCode()).isEqualTo(302);
        assertThat(citizen.get("/cabinet/mailbox/folders").body())
                .contains("Папка «Справки 2026» удалена; сообщения из неё (1) вернулись во «Входящие».");
        assertThat(db.sql("SELECT folder_id FROM mailbox.messages WHERE id = :id").param("id", letter.id())
                .query(UUID.class).single()).hasToString(INBOX);
        assertThat(citizen.get("/cabinet/mailbox/folders/" + folder).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("MBX-1: a folder name must be new (case aside), not a system folder's, not blank and at most 60 characters")
    void nameRules() {
        createFolder("Налоги");

        assertRefused(citizen.post("/cabinet/mailbox/folders", "name", "налоги"), "Папка с таким названием уже есть");
        assertRefused(citizen.post("/cabinet/mailbox/folders", "name", "Архив"), "Папка с таким названием уже есть");
        assertRefused(citizen.post("/cabinet/mailbox/folders", "name", "Inbox"), "Папка с таким названием уже есть");
        assertRefused(citizen.post("/cabinet/mailbox/folders", "name", "   "), "Введите название папки.");
        assertRefused(citizen.post("/cabinet/mailbox/folders", "name", "Я".repeat(61)), "длиннее 60 знаков");
        assertRefused(citizen.post("/cabinet/mailbox/folders", "name", "Нало\u202eги"), "служебные символы");
        assertThat(db.sql("SELECT count(*) FROM mailbox.folders WHERE account = :a").param("a", citizen.id())
                .query(Long.class).single()).isEqualTo(1);

        Citizen other = Citizen.signedIn(port, accounts, passwords, sessions);
        assertThat(other.post("/cabinet/mailbox/folders", "name", "Налоги").statusCode()).isEqualTo(302);
    }

    private UUID createFolder(String name) {
        assertThat(citizen.post("/cabinet/mailbox/folders", "name", name).statusCode()).isEqualTo(302);
        return db.sql("SELECT id FROM mailbox.folders WHERE account = :a AND name = :n")
                .param("a", citizen.id()).param("n", name).query(UUID.class).single();
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains(message);
    }
}
