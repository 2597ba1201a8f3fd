package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;
import ru.gospochta.platform.internal.bounces.BounceReports;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Production shape: letters leave through a configured SMTP relay (here a GreenMail server of the test's own). */
@IntegrationTest
class MailRelayTests {

    static final GreenMail relay = startRelay();

    static GreenMail startRelay() {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        server.start();
        server.setUser("bounces@gosuslugi.example", "bounce-reader", "bounce-secret");
        return server;
    }

    @DynamicPropertySource
    static void relayProperties(DynamicPropertyRegistry registry) {
        registry.add("gospochta.mail.mode", () -> "smtp");
        registry.add("gospochta.mail.smtp.host", () -> "127.0.0.1");
        registry.add("gospochta.mail.smtp.port", () -> relay.getSmtp().getPort());
        registry.add("gospochta.mail.smtp.security", () -> "none");
        registry.add("gospochta.mail.from-address", () -> "noreply@gosuslugi.example");
        registry.add("gospochta.mail.bounces.host", () -> "127.0.0.1");
        registry.add("gospochta.mail.bounces.port", () -> relay.getImap().getPort());
        registry.add("gospochta.mail.bounces.security", () -> "none");
        registry.add("gospochta.mail.bounces.username", () -> "bounce-reader");
        registry.add("gospochta.mail.bounces.password", () -> "bounce-secret");
    }

    @AfterAll
    static void stopRelay() {
        relay.stop();
    }

    @Autowired OutgoingMail mail;
    @Autowired BounceReports reports;
    @Autowired JdbcClient db;
    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    @DisplayName("Runtime shapes: with gospochta.mail.mode=smtp letters go through the relay, and no catcher runs")
    void lettersGoThroughRelay() throws Exception {
        mail.send(new Letter("citizen@example.ru", "Уведомление", "Текст уведомления", null));

        assertThat(relay.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = relay.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Уведомление");
        assertThat(received.getFrom()[0].toString()).contains("noreply@gosuslugi.example");
        assertThat(received.getHeader("Return-Path")).as("NTF-5: reports go to the bounce mailbox of the sender's domain")
                .containsExactly("<bounces@gosuslugi.example>");
        assertThat(context.getBeanNamesForType(MailCatcher.class)).isEmpty();
    }

    @Test
    @DisplayName("NTF-5: with a relay, reports are read from the IMAP server of the bounce mailbox with its own login")
    void reportsAreReadFromTheBounceMailbox() throws Exception {
        String gone = "gone-" + UUID.randomUUID() + "@example.ru";
        mail.send(new Letter(gone, "Уведомление", "Текст уведомления", null));
        MimeMessage sent = java.util.Arrays.stream(relay.getReceivedMessages())
                .filter(m -> { try { return m.getAllRecipients()[0].toString().equals(gone); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        String original = java.util.Collections.list(sent.getAllHeaderLines()).stream()
                .collect(java.util.stream.Collectors.joining("\r\n", "", "\r\n"));
        BounceLetters.deliver(relay.getSmtp().getPort(), "bounces@gosuslugi.example",
                BounceLetters.dsn(gone, "failed", "5.1.1", "550 5.1.1 user unknown", original));

        reports.poll();

        assertThat(db.sql("SELECT count(*) FROM platform.event_publication WHERE event_type LIKE '%MailBounced' "
                + "AND serialized_event LIKE :a").param("a", "%" + gone + "%").query(Long.class).single()).isOne();
        assertThat(relay.getReceivedMessagesForDomain("gosuslugi.example")).as("read once, then deleted").isEmpty();
    }

    @Test
    @DisplayName("Runtime shapes: health is UP while the relay answers")
    void healthIsUpWithReachableRelay() {
        assertThat(new WebClient(port).get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }
}
