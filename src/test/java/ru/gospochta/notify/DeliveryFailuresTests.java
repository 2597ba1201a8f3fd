package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ru.gospochta.MutableClock;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.OutgoingMail;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Providers that fail: the SMTP server gone for a while, a hard bounce, an SMS operator down. Own context: it stops the catcher. */
@NotifyTest
@Import(DeliveryFailuresTests.Bounces.class)
@DisplayName("NTF-5: retries with backoff, hard bounces, provider failover — every attempt journalled")
class DeliveryFailuresTests {

    static final String BOUNCING = "@bounce.test";
    static final HttpServer FAILING = operator(503);
    static final HttpServer WORKING = operator(200);
    static final List<String> FAILING_CALLS = new CopyOnWriteArrayList<>();
    static final List<String> WORKING_CALLS = new CopyOnWriteArrayList<>();
    static final List<String> BOUNCED = new CopyOnWriteArrayList<>();

    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MailCatcher catcher;
    @Autowired MutableClock clock;
    @Autowired PreferencesStore preferences;

    @DynamicPropertySource
    static void operators(DynamicPropertyRegistry registry) {
        registry.add("gospochta.notify.sms[0].name", () -> "operator-a");
        registry.add("gospochta.notify.sms[0].url", () -> "http://127.0.0.1:" + FAILING.getAddress().getPort() + "/send");
        registry.add("gospochta.notify.sms[0].priority", () -> "1");
        registry.add("gospochta.notify.sms[1].name", () -> "operator-b");
        registry.add("gospochta.notify.sms[1].url", () -> "http://127.0.0.1:" + WORKING.getAddress().getPort() + "/send");
        registry.add("gospochta.notify.sms[1].priority", () -> "2");
        registry.add("gospochta.notify.failover-after", () -> "2");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopOperators() {
        FAILING.stop(0);
        WORKING.stop(0);
    }

    @Test
    @DisplayName("NTF-5: the SMTP server down for a while → temporary failures retried with growing waits → delivered once it returns; the journal shows each attempt")
    void smtpDownThenBack() throws Exception {
        Account citizen = TestCitizens.create(accounts, passwords);
        String address = Citizens.confirmedEmail(db, citizen.id());
        int smtp = catcher.smtpPort();
        int imap = catcher.imapPort();
        catcher.close();
        GreenMail back = null;
        try {
            UUID notification = notifications.raise(event(citizen)).notifications().getFirst().notificationId();
            dispatcher.dispatchAll();
            assertThat(status(notification)).isEqualTo("temporary-failure");
            clock.advance(Duration.ofSeconds(40));
            dispatcher.dispatchAll();
            assertThat(status(notification)).isEqualTo("temporary-failure");
            clock.advance(Duration.ofSeconds(40));
            dispatcher.dispatchAll();
            assertThat(status(notification)).as("the second wait is twice the first").isEqualTo("temporary-failure");

            back = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", "smtp"), new ServerSetup(imap, "127.0.0.1", "imap")});
            back.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withDisabledAuthentication());
            back.start();
            clock.advance(Duration.ofSeconds(60));
            dispatcher.dispatchAll();

            assertThat(status(notification)).isEqualTo("delivered");
            assertThat(Citizens.letters(imap, address)).hasSize(1);
            assertThat(db.sql("SELECT status || ':' || coalesce(error_code, '') FROM notify.attempts WHERE notification_id = :id ORDER BY id")
                    .param("id", notification).query(String.class).list())
                    .containsExactly("created:", "temporary-failure:smtp-unreachable", "temporary-failure:smtp-unreachable", "delivered:");
        } finally {
            if (back != null) {
                // The context's catcher is gone; this server takes its ports for the rest of the class.
                back.stop();
            }
        }
    }

    @Test
    @DisplayName("NTF-5, CNT-6: a permanent 5xx → permanent failure, no retry, and the address is suspended")
    void hardBounce() {
        Account citizen = TestCitizens.create(accounts, passwords);
        String address = bouncingAddress(citizen);

        UUID notification = notifications.raise(event(citizen)).notifications().getFirst().notificationId();
        dispatcher.dispatchAll();
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchAll();

        assertThat(status(notification)).isEqualTo("permanent-failure");
        assertThat(db.sql("SELECT count(*) FROM notify.attempts WHERE notification_id = :id AND status <> 'created'")
                .param("id", notification).query(Long.class).single()).isOne();
        assertThat(db.sql("SELECT status FROM contacts.email_addresses WHERE account_id = :a").param("a", citizen.id())
                .query(String.class).single()).isEqualTo("SUSPENDED");
    }

    @Test
    @DisplayName("NTF-5, CNT-6: two notices to one address in one batch — the first refused for good suspends it, the second is not sent to it")
    void hardBounceInOneBatch() {
        Account citizen = TestCitizens.create(accounts, passwords);
        String address = bouncingAddress(citizen);

        UUID first = email(notifications.raise(event(citizen)));
        UUID second = email(notifications.raise(event(citizen)));
        dispatcher.dispatchAll();

        assertThat(status(first)).isEqualTo("permanent-failure");
        assertThat(status(second)).isEqualTo("skipped");
        assertThat(BOUNCED.stream().filter(address::equals)).as("knocked once").hasSize(1);
    }

    @Test
    @DisplayName("NTF-5: an SMS operator that keeps failing is passed over and the next one takes the traffic, from the notice whose failure passed it over")
    void failover() {
        List<UUID> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Account citizen = TestCitizens.create(accounts, passwords);
            preferences.save(citizen.id(), new Preferences(Map.of(Category.DOCUMENTS_READY, new Preferences.Row(
                    java.util.EnumSet.of(Channel.SMS), Frequency.EACH_EVENT)), Preferences.LetterFormat.TEXT, 9,
                    java.time.DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE, null), clock.instant());
            sent.add(notifications.raise(event(citizen)).notifications().stream()
                    .filter(p -> p.channel() == Channel.SMS).findFirst().orElseThrow().notificationId());
            dispatcher.dispatchAll();
        }

        assertThat(FAILING_CALLS).hasSize(2);
        assertThat(sent.subList(2, 4)).allSatisfy(id -> assertThat(status(id)).isEqualTo("delivered"));
        assertThat(db.sql("SELECT provider FROM notify.notifications WHERE id = :id").param("id", sent.get(3))
                .query(String.class).single()).isEqualTo("operator-b");
        assertThat(db.sql("SELECT error_code FROM notify.attempts WHERE notification_id = :id AND provider = 'operator-a'")
                .param("id", sent.getFirst()).query(String.class).single()).isEqualTo("http-503");
        // The failure that passed operator-a over sent its notice through operator-b in the same dispatch.
        assertThat(status(sent.get(1))).isEqualTo("delivered");
        assertThat(db.sql("SELECT attempts FROM notify.notifications WHERE id = :id").param("id", sent.get(1))
                .query(Integer.class).single()).as("both tries counted, as agencies see them").isEqualTo(2);
        assertThat(Attempts.of(db, sent.get(1))).containsExactly("created::", "temporary-failure:http-503:operator-a", "delivered::operator-b");
        assertThat(status(sent.getFirst())).as("failed before operator-a was passed over: waits for its retry").isEqualTo("temporary-failure");
    }

    /** A confirmed address at the domain the relay of this class refuses for good. */
    private String bouncingAddress(Account citizen) {
        String address = "citizen-" + UUID.randomUUID().toString().substring(0, 8) + BOUNCING;
        db.sql("""
                        INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                        VALUES (:id, :account, 'PRIMARY', :address, 'CONFIRMED', now(), now())""")
                .param("id", UUID.randomUUID()).param("account", citizen.id()).param("address", address).update();
        return address;
    }

    private static UUID email(EventAccepted raised) {
        return raised.notifications().stream().filter(p -> p.channel() == Channel.EMAIL).findFirst().orElseThrow().notificationId();
    }

    private String status(UUID notification) {
        return db.sql("SELECT status FROM notify.notifications WHERE id = :id").param("id", notification).query(String.class).single();
    }

    private static NewEvent event(Account citizen) {
        return new NewEvent(UUID.randomUUID(), citizen.id(), "document-ready", Map.of("documentName", "Выписка из ЕГРН"),
                "system:test", null, null);
    }

    private static HttpServer operator(int status) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/send", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                (status == 200 ? WORKING_CALLS : FAILING_CALLS).add(body);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A relay that answers 550 for addresses at bounce.test, as one does for a mailbox that no longer exists. */
    @TestConfiguration
    static class Bounces {

        @Bean
        static BeanPostProcessor bouncingRelay() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof OutgoingMail mail) {
                        return (OutgoingMail) letter -> {
                            if (letter.to().endsWith(BOUNCING)) {
                                BOUNCED.add(letter.to());
                                throw new MailNotSent("550 5.1.1 mailbox unavailable", true, 550, null);
                            }
                            return mail.send(letter);
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
