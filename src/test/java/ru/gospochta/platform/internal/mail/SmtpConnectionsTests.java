package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.OutgoingMail;

/** The mail port over its pool of SMTP connections, wired as the server wires it, against real SMTP servers. */
class SmtpConnectionsTests {

    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("NTF-5: 200 letters sent by 16 threads at once all arrive, over no more connections than the pool holds")
    void concurrentLettersShareFewConnections() throws Exception {
        GreenMail relay = greenMail(0);
        CountingProxy proxy = closing(new CountingProxy(relay.getSmtp().getPort()));
        Port port = port(proxy.port(), Map.of("gospochta.mail.smtp.pool-size", "4"));

        int letters = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> sent = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < letters; i++) {
                Letter letter = new Letter("citizen" + i + "@example.ru", "Уведомление № " + i, "Текст " + i, null)
                        .withReference("pool-test-" + i);
                sent.add(senders.submit(() -> {
                    start.await();
                    return port.mail().send(letter);
                }));
            }
            start.countDown();
            Set<String> messageIds = new HashSet<>();
            for (Future<String> each : sent) {
                messageIds.add(each.get());
            }
            assertThat(messageIds).hasSize(letters);
        }

        assertThat(relay.waitForIncomingEmail(10_000, letters)).isTrue();
        Set<String> arrived = new HashSet<>();
        for (MimeMessage received : relay.getReceivedMessages()) {
            arrived.add(received.getMessageID());
        }
        assertThat(arrived).hasSize(letters);
        assertThat(proxy.connections()).as("SMTP connections for %d letters", letters).isBetween(1, 4);
        assertThat(port.connections().opened()).isEqualTo(proxy.connections());
    }

    @Test
    @DisplayName("NTF-5: a restarted relay is reconnected to transparently; while it is down, sending fails as temporary")
    void relayRestartIsSurvived() throws Exception {
        GreenMail relay = greenMail(0);
        int relayPort = relay.getSmtp().getPort();
        Port port = port(relayPort, Map.of());
        port.mail().send(new Letter("first@example.ru", "Первое", "текст", null));

        relay.stop();
        relay = greenMail(relayPort);
        port.mail().send(new Letter("second@example.ru", "Второе", "текст", null));
        assertThat(relay.waitForIncomingEmail(5_000, 1)).as("the pooled connection died with the old relay").isTrue();

        relay.stop();
        assertThatThrownBy(() -> port.mail().send(new Letter("third@example.ru", "Третье", "текст", null)))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.replyCode()).isEqualTo(-1);
                });

        relay = greenMail(relayPort);
        port.mail().send(new Letter("fourth@example.ru", "Четвёртое", "текст", null));
        assertThat(relay.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(relay.getReceivedMessages()[0].getSubject()).isEqualTo("Четвёртое");
    }

    @Test
    @DisplayName("NTF-5: a 5xx refusal is a permanent failure, a 4xx one temporary; the connection goes on serving")
    void refusalsAreClassified() throws Exception {
        FakeRelay relay = closing(new FakeRelay());
        Port port = port(relay.port(), Map.of());

        assertThatThrownBy(() -> port.mail().send(new Letter("nobody@gone.test", "Тема", "текст", null)))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.replyCode()).isEqualTo(550);
                });
        assertThatThrownBy(() -> port.mail().send(new Letter("busy@later.test", "Тема", "текст", null)))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.replyCode()).isEqualTo(451);
                });
        port.mail().send(new Letter("citizen@example.ru", "Тема", "текст", null));

        assertThat(relay.delivered()).containsExactly("citizen@example.ru");
        assertThat(relay.connections()).isEqualTo(1);
    }

    @Test
    @DisplayName("NTF-5: letters sent together — an unexpected failure of one is a temporary refusal of that one; the ones before and after it go")
    void unexpectedFailureInABatch() throws Exception {
        FakeRelay relay = closing(new FakeRelay());
        Port port = port(relay.port(), Map.of());
        JavaMailSenderImpl transport = port.transport();
        AtomicInteger connects = new AtomicInteger();
        // One letter a connection, and the second connection fails in a way nobody planned for.
        SmtpConnections connections = closing(new SmtpConnections(() -> {
            if (connects.incrementAndGet() == 2) {
                throw new IllegalStateException("a fault of our own");
            }
            Transport connection = transport.getSession().getTransport("smtp");
            connection.connect(transport.getHost(), transport.getPort(), null, null);
            return connection;
        }, 1, 1, Duration.ofSeconds(20), Duration.ofSeconds(2)));
        SmtpOutgoingMail mail = new SmtpOutgoingMail(transport.getSession(), connections, null, port.properties(), null);

        List<OutgoingMail.Sent> sent = mail.sendAll(List.of(new Letter("first@example.ru", "Тема", "текст", null),
                new Letter("second@example.ru", "Тема", "текст", null), new Letter("third@example.ru", "Тема", "текст", null)));

        assertThat(sent.get(0).refusal()).isNull();
        assertThat(sent.get(1).refusal()).isNotNull().satisfies(e -> assertThat(e.permanent()).isFalse());
        assertThat(sent.get(2).refusal()).isNull();
        assertThat(relay.delivered()).containsExactly("first@example.ru", "third@example.ru");
    }

    @Test
    @DisplayName("NTF-5: a connection is replaced after its share of letters and after idling too long")
    void connectionsAreRecycled() throws Exception {
        FakeRelay relay = closing(new FakeRelay());
        Port port = port(relay.port(), Map.of());
        AtomicLong now = new AtomicLong();
        JavaMailSenderImpl transport = port.transport();
        SmtpConnections connections = closing(new SmtpConnections(() -> {
            Transport connection = transport.getSession().getTransport("smtp");
            connection.connect(transport.getHost(), transport.getPort(), null, null);
            return connection;
        }, 2, 3, Duration.ofSeconds(20), Duration.ofSeconds(2), now::get));
        SmtpOutgoingMail mail = new SmtpOutgoingMail(transport.getSession(), connections, null, port.properties(), null);

        for (int i = 0; i < 7; i++) {
            mail.send(new Letter("citizen" + i + "@example.ru", "Тема", "текст", null));
        }
        assertThat(connections.opened()).as("3 letters a connection").isEqualTo(3);

        now.addAndGet(Duration.ofSeconds(21).toNanos());
        mail.send(new Letter("late@example.ru", "Тема", "текст", null));
        assertThat(connections.opened()).as("the idle connection is closed, not used").isEqualTo(4);
        assertThat(relay.delivered()).hasSize(8);
    }

    /** The port as {@link MailConfiguration} makes it for a relay on {@code port}, unsigned. */
    record Port(SmtpOutgoingMail mail, SmtpConnections connections, JavaMailSenderImpl transport, MailProperties properties) {
    }

    private Port port(int relayPort, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "gospochta.mail.mode", "smtp",
                "gospochta.mail.smtp.host", "127.0.0.1",
                "gospochta.mail.smtp.port", Integer.toString(relayPort),
                "gospochta.mail.smtp.security", "none",
                "gospochta.mail.smtp.timeout", "3s"));
        all.putAll(settings);
        MailProperties properties = new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("gospochta.mail", MailProperties.class);
        MailConfiguration configuration = new MailConfiguration();
        JavaMailSenderImpl transport = configuration.relayTransport(properties);
        SmtpConnections connections = closing(configuration.smtpConnections(transport, properties));
        return new Port(new SmtpOutgoingMail(transport.getSession(), connections, null, properties, null),
                connections, transport, properties);
    }

    private GreenMail greenMail(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        server.start();
        opened.add(server::stop);
        return server;
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
