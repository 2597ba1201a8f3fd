package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ru.gospochta.MutableClock;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.platform.MailRelays;

/**
 * A primary relay that takes nothing (its port closed) and a working backup relay: e-mail
 * notifications fail over to the backup and every attempt names the relay it went through.
 */
@NotifyTest
@DisplayName("NTF-5: a backup SMTP relay takes e-mail notifications while the primary keeps failing")
class BackupRelayTests {

    /** A failing relay's pause doubles while it keeps failing, up to 64 times the first (a minute). */
    static final Duration LONGER_THAN_ANY_PAUSE = Duration.ofHours(2);
    static final int closedPort = freePort();
    static final GreenMail backup = startBackup();

    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;
    @Autowired MailRelays relays;
    @LocalServerPort int port;

    @DynamicPropertySource
    static void relays(DynamicPropertyRegistry registry) {
        registry.add("gospochta.mail.mode", () -> "smtp");
        registry.add("gospochta.mail.smtp.host", () -> "127.0.0.1");
        registry.add("gospochta.mail.smtp.port", () -> closedPort);
        registry.add("gospochta.mail.smtp.security", () -> "none");
        registry.add("gospochta.mail.smtp.timeout", () -> "2s");
        registry.add("gospochta.mail.backup-smtp.host", () -> "127.0.0.1");
        registry.add("gospochta.mail.backup-smtp.port", () -> backup.getSmtp().getPort());
        registry.add("gospochta.mail.backup-smtp.security", () -> "none");
        registry.add("gospochta.notify.failover-after", () -> "2");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopBackup() {
        backup.stop();
    }

    @Test
    @DisplayName("NTF-5: the platform offers the primary relay first and the backup after it")
    void relaysInPriorityOrder() {
        assertThat(relays.inPriorityOrder()).extracting(MailRelays.Relay::name, MailRelays.Relay::priority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smtp", 0), org.assertj.core.groups.Tuple.tuple("smtp-backup", 1));
    }

    @Test
    @DisplayName("NTF-5: the primary relay unreachable → the failures that pass it over go through the backup in the same dispatch, later notices straight to it; the journal names both relays")
    void failsOverToTheBackup() throws Exception {
        Account first = TestCitizens.create(accounts, passwords);
        Account second = TestCitizens.create(accounts, passwords);
        Account third = TestCitizens.create(accounts, passwords);
        String firstAddress = Citizens.confirmedEmail(db, first.id());
        String secondAddress = Citizens.confirmedEmail(db, second.id());
        String thirdAddress = Citizens.confirmedEmail(db, third.id());

        clock.advance(LONGER_THAN_ANY_PAUSE); // a pause another test left is over: the primary is tried first

        // Two notices in one batch, both refused by the unreachable primary: the second failure passes it
        // over, and the backup takes both in the same dispatch rather than at their first retry.
        UUID a = email(notifications.raise(event(first)));
        UUID b = email(notifications.raise(event(second)));
        dispatcher.dispatchAll();
        assertThat(List.of(status(a), status(b))).containsOnly("delivered");
        assertThat(List.of(provider(a), provider(b))).containsOnly("smtp-backup");

        // A new notice goes straight to the backup while the primary's pause lasts.
        UUID c = email(notifications.raise(event(third)));
        dispatcher.dispatchAll();
        assertThat(status(c)).isEqualTo("delivered");
        assertThat(provider(c)).isEqualTo("smtp-backup");

        assertThat(backup.waitForIncomingEmail(5_000, 3)).isTrue();
        assertThat(Arrays.stream(backup.getReceivedMessages()).map(BackupRelayTests::recipient))
                .containsExactlyInAnyOrder(firstAddress, secondAddress, thirdAddress);
        for (UUID refused : List.of(a, b)) {
            assertThat(attempts(refused)).containsExactly("created::", "temporary-failure:smtp-unreachable:smtp",
                    "delivered::smtp-backup");
        }
        assertThat(attempts(c)).containsExactly("created::", "delivered::smtp-backup");
    }

    @Test
    @DisplayName("NTF-5: a primary relay that answers again takes the notices back once its pause is over; until then they go through the backup")
    void returnsToThePrimary() throws Exception {
        List<Account> citizens = List.of(TestCitizens.create(accounts, passwords), TestCitizens.create(accounts, passwords),
                TestCitizens.create(accounts, passwords), TestCitizens.create(accounts, passwords));
        List<String> addresses = citizens.stream().map(c -> Citizens.confirmedEmail(db, c.id())).toList();
        clock.advance(LONGER_THAN_ANY_PAUSE); // a pause another test left is over: the primary is tried and refuses
        UUID a = email(notifications.raise(event(citizens.get(0))));
        UUID b = email(notifications.raise(event(citizens.get(1))));
        dispatcher.dispatchAll();
        assertThat(List.of(provider(a), provider(b))).containsOnly("smtp-backup");

        GreenMail primary = new GreenMail(new ServerSetup(closedPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        primary.start();
        try {
            // The primary answers again, but its pause is not over: the backup still takes the mail.
            UUID c = email(notifications.raise(event(citizens.get(2))));
            dispatcher.dispatchAll();
            assertThat(provider(c)).isEqualTo("smtp-backup");

            clock.advance(LONGER_THAN_ANY_PAUSE);
            UUID d = email(notifications.raise(event(citizens.get(3))));
            dispatcher.dispatchAll();
            assertThat(status(d)).isEqualTo("delivered");
            assertThat(provider(d)).isEqualTo("smtp");
            assertThat(primary.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(Arrays.stream(primary.getReceivedMessages()).map(BackupRelayTests::recipient)).containsExactly(addresses.get(3));
            assertThat(Arrays.stream(backup.getReceivedMessages()).map(BackupRelayTests::recipient))
                    .contains(addresses.get(0), addresses.get(1), addresses.get(2)).doesNotContain(addresses.get(3));
        } finally {
            primary.stop();
            backup.purgeEmailFromAllMailboxes();
        }
    }

    @Test
    @DisplayName("NTF-5: health names the backup relay; the primary unreachable still makes it DEGRADED, since other letters use the primary only")
    void healthNamesTheBackup() {
        TestStaff.ensureAdmin(db, passwords);
        String basic = Base64.getEncoder().encodeToString((TestStaff.ADMIN + ":" + TestStaff.PASSWORD).getBytes(StandardCharsets.UTF_8));
        String detailed = new WebClient(port).get("/actuator/health", "Authorization", "Basic " + basic).body();

        assertThat(detailed).contains("\"status\":\"DEGRADED\"").contains("\"backupRelay\":\"127.0.0.1:" + backup.getSmtp().getPort() + "\"")
                .doesNotContain("backupProblem").contains("only notifications leave (through the backup relay) until it answers");
    }

    private List<String> attempts(UUID notification) {
        return Attempts.of(db, notification);
    }

    private String status(UUID notification) {
        return db.sql("SELECT status FROM notify.notifications WHERE id = :id").param("id", notification).query(String.class).single();
    }

    private String provider(UUID notification) {
        return db.sql("SELECT provider FROM notify.notifications WHERE id = :id").param("id", notification).query(String.class).single();
    }

    private static UUID email(EventAccepted raised) {
        return raised.notifications().stream().filter(p -> p.channel() == Channel.EMAIL).findFirst().orElseThrow().notificationId();
    }

    private static NewEvent event(Account citizen) {
        return new NewEvent(UUID.randomUUID(), citizen.id(), "document-ready", Map.of("documentName", "Выписка из ЕГРН"),
                "system:test", null, null);
    }

    private static String recipient(MimeMessage letter) {
        try {
            return letter.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startBackup() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
