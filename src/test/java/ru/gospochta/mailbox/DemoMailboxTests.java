package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.TestPropertySource;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

@IntegrationTest
@TestPropertySource(properties = "gospochta.demo=true")
class DemoMailboxTests {

    @Autowired Accounts accounts;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    @DisplayName("Runtime shapes, MBX-1: demo mode puts letters with a PDF into the demo citizen's mailbox, once however often it seeds")
    void demoLetters() throws Exception {
        Account demo = accounts.byPhone("+79990000001").orElseThrow();
        context.getBean("demoSeed", ApplicationRunner.class).run(new DefaultApplicationArguments());

        // Security notices (a sign-in of another test from a new device) may join the demo letters.
        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :a AND category <> 'security'")
                .param("a", demo.id()).query(Long.class).single()).isEqualTo(4);
        WebClient browser = TestCitizens.signedIn(port, demo, sessions);
        String inbox = browser.get("/cabinet/mailbox").body();
        assertThat(inbox).contains("Выписка из ЕГРН готова", "Росреестр", "Налоговое уведомление за 2025 год", "Важное");

        UUID message = db.sql("SELECT id FROM mailbox.messages WHERE account = :a AND subject = 'Выписка из ЕГРН готова'")
                .param("a", demo.id()).query(UUID.class).single();
        UUID file = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", message).query(UUID.class).single();
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/cabinet/mailbox/messages/" + message + "/attachments/" + file))
                .header("Cookie", "GOSPOCHTA_SESSION=" + browser.cookie("GOSPOCHTA_SESSION").orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(pdf.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-1.4").contains("Extract from the Unified State Register").endsWith("%%EOF\n");
        assertThat(browser.get("/cabinet/mailbox/history?q=%D0%BA%D0%B2%D0%B0%D1%80%D1%82%D0%B8%D1%80%D1%8B").body())
                .contains("Выписка из ЕГРН готова");
    }
}
