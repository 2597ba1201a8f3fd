package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Production shape: letters leave through a configured SMTP relay (here a GreenMail server of the test's own). */
@IntegrationTest
class MailRelayTests {

    static final GreenMail relay = startRelay();

    static GreenMail startRelay() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void relayProperties(DynamicPropertyRegistry registry) {
        registry.add("gospochta.mail.mode", () -> "smtp");
        registry.add("gospochta.mail.smtp.host", () -> "127.0.0.1");
        registry.add("gospochta.mail.smtp.port", () -> relay.getSmtp().getPort());
        registry.add("gospochta.mail.smtp.security", () -> "none");
        registry.add("gospochta.mail.from-address", () -> "noreply@gosuslugi.example");
    }

    @AfterAll
    static void stopRelay() {
        relay.stop();
    }

    @Autowired OutgoingMail mail;
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
        assertThat(context.getBeanNamesForType(MailCatcher.class)).isEmpty();
    }

    @Test
    @DisplayName("Runtime shapes: health is UP while the relay answers")
    void healthIsUpWithReachableRelay() {
        assertThat(new WebClient(port).get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }
}
