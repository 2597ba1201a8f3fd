package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.MutableClock;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.delivery.Digests;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.platform.internal.mail.MailCatcher;

@NotifyTest
@DisplayName("NTF-1, NTF-3, NTF-5: an event becomes a cabinet message and notifications by the citizen's grid")
class NotifyPipelineTests {

    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired PreferencesStore preferences;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MailCatcher catcher;
    @Autowired MutableClock clock;
    @Autowired Digests digests;

    Account citizen;
    String address;

    @BeforeEach
    void citizen() {
        citizen = TestCitizens.create(accounts, passwords);
        address = Citizens.confirmedEmail(db, citizen.id());
    }

    @AfterEach
    void realTime() {
        dispatcher.dispatchAll();
        clock.reset();
    }

    @Test
    @DisplayName("NTF-1, NTF-3: an agency's status change → a cabinet message at once, an e-mail read back over IMAP and an SMS in the catcher, as the grid says")
    void eventToEveryChosenChannel() throws Exception {
        choose(Category.APPLICATION_STATUS, EnumSet.of(Channel.EMAIL, Channel.SMS));
        EventAccepted accepted = notifications.raise(statusChanged(UUID.randomUUID()));

        assertThat(db.sql("SELECT subject FROM mailbox.messages WHERE id = :id AND account = :a").param("id", accepted.messageId())
                .param("a", citizen.id()).query(String.class).single()).isEqualTo("Заявление № 1234567890: Услуга оказана");
        assertThat(accepted.notifications()).extracting(EventAccepted.Planned::channel).containsExactly(Channel.EMAIL, Channel.SMS);

        dispatcher.dispatchAll();

        Message[] letters = Citizens.letters(catcher.imapPort(), address);
        assertThat(letters).hasSize(1);
        assertThat(letters[0].getSubject()).isEqualTo("Заявление № 1234567890: Услуга оказана");
        assertThat(Citizens.text(letters[0])).contains("Статус заявления № 1234567890 на услугу «Выдача паспорта» изменился 20.11.2026",
                "Отправитель: ФНС России", "/cabinet/mailbox/messages/" + accepted.messageId(),
                "никогда не просит сообщить пароль");
        assertThat(letters[0].getHeader("Message-ID")[0]).startsWith("<ntf-" + accepted.notifications().getFirst().notificationId()
                + ".attempt-1@");
        assertThat(letters[0].getHeader("DKIM-Signature")).isNotNull();
        assertThat(letters[0].getHeader("List-Unsubscribe")).isNotNull();
        assertThat(letters[0].getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(db.sql("SELECT text FROM platform.caught_sms WHERE phone = :p ORDER BY id DESC LIMIT 1")
                .param("p", citizen.phone()).query(String.class).single()).startsWith("Госпочта: Заявление № 1234567890: Услуга оказана");
        assertThat(statuses(accepted)).containsOnly("delivered");
    }

    @Test
    @DisplayName("NTF-4: a citizen who chose English gets the letter and the SMS from the English template and layout")
    void englishLetters() throws Exception {
        preferences.save(citizen.id(), new Preferences(Map.of(Category.APPLICATION_STATUS,
                new Preferences.Row(EnumSet.of(Channel.EMAIL, Channel.SMS), Frequency.EACH_EVENT)), Preferences.LetterFormat.HTML,
                9, DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE, null, Preferences.Language.EN), Instant.now());
        notifications.raise(statusChanged(UUID.randomUUID()));
        dispatcher.dispatchAll();

        Message[] letters = Citizens.letters(catcher.imapPort(), address);
        assertThat(letters).hasSize(1);
        assertThat(letters[0].getSubject()).isEqualTo("Application No. 1234567890: Услуга оказана");
        assertThat(Citizens.text(letters[0])).contains("The status of application No. 1234567890 for «Выдача паспорта» changed on")
                .doesNotContain("Статус заявления", "Отправитель");
        assertThat(db.sql("SELECT text FROM platform.caught_sms WHERE phone = :p ORDER BY id DESC LIMIT 1")
                .param("p", citizen.phone()).query(String.class).single()).startsWith("Gospochta: Application No. 1234567890");
    }

    @Test
    @DisplayName("NTF-3: the same event with e-mail switched off → no e-mail, the cabinet message all the same")
    void emailOff() throws Exception {
        choose(Category.APPLICATION_STATUS, EnumSet.of(Channel.SMS));
        EventAccepted accepted = notifications.raise(statusChanged(UUID.randomUUID()));
        dispatcher.dispatchAll();

        assertThat(accepted.notifications()).extracting(EventAccepted.Planned::channel).containsExactly(Channel.SMS);
        assertThat(Citizens.letters(catcher.imapPort(), address)).isEmpty();
        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE id = :id").param("id", accepted.messageId())
                .query(Long.class).single()).isOne();
    }

    @Test
    @DisplayName("NTF-1: the same event id raised twice is one event, one message, one set of notifications")
    void sameEventTwice() {
        UUID id = UUID.randomUUID();
        EventAccepted first = notifications.raise(statusChanged(id));
        EventAccepted again = notifications.raise(statusChanged(id));

        assertThat(again).isEqualTo(first);
        assertThat(db.sql("SELECT count(*) FROM notify.notifications WHERE event_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(first.notifications().size());
    }

    @Test
    @DisplayName("NTF-1: an unknown type, a missing, unknown or malformed variable → every problem at once, nothing stored")
    void refusedEvent() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> notifications.raise(new NewEvent(id, citizen.id(), "no-such-type", Map.of(), "test", null, null)))
                .isInstanceOfSatisfying(EventRefused.class, e -> assertThat(e.problems())
                        .containsExactly(new EventRefused.Problem("type", "unknown-type")));
        assertThatThrownBy(() -> notifications.raise(new NewEvent(id, citizen.id(), "charge-issued",
                Map.of("operationId", "42", "date", "2026-13-01", "amount", "12,50", "link", "javascript:alert(1)", "colour", "red"),
                "test", null, null)))
                .isInstanceOfSatisfying(EventRefused.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new EventRefused.Problem("variables.date", "invalid-date"),
                        new EventRefused.Problem("variables.amount", "invalid-amount"),
                        new EventRefused.Problem("variables.link", "invalid-url"),
                        new EventRefused.Problem("variables.paymentDetails", "missing"),
                        new EventRefused.Problem("variables.colour", "unknown-variable")));
        assertThat(db.sql("SELECT count(*) FROM notify.events WHERE id = :id").param("id", id).query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE id = :id").param("id", id).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("NTF-3: quiet hours hold a non-urgent letter until they end and let an urgent notice through at once")
    void quietHours() throws Exception {
        ZoneId zone = Preferences.DEFAULT_ZONE;
        LocalTime now = clock.instant().atZone(zone).toLocalTime();
        Preferences quiet = new Preferences(Map.of(Category.APPLICATION_STATUS,
                new Preferences.Row(EnumSet.of(Channel.EMAIL), Frequency.EACH_EVENT)), Preferences.LetterFormat.HTML, 9,
                DayOfWeek.MONDAY, 1, now.minusHours(1), now.plusHours(2), zone, null);
        preferences.save(citizen.id(), quiet, clock.instant());

        notifications.raise(statusChanged(UUID.randomUUID()));
        notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "urgent-demand", Map.of("operationId", "18810177",
                "date", "2026-11-20", "amount", "5000.00", "paymentDetails", "УИН 18810177230001234567", "link", "/cabinet/payments/1",
                "dueDate", "2026-11-30"), "test", null, null));
        dispatcher.dispatchAll();

        assertThat(Citizens.letters(catcher.imapPort(), address)).extracting(Message::getSubject)
                .containsExactly("Срочное требование: оплатить 5\u00A0000,00 ₽ до 30.11.2026");

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        dispatcher.dispatchAll();

        assertThat(Citizens.letters(catcher.imapPort(), address)).extracting(Message::getSubject)
                .containsExactly("Срочное требование: оплатить 5\u00A0000,00 ₽ до 30.11.2026", "Заявление № 1234567890: Услуга оказана");
    }

    @Test
    @DisplayName("NTF-3: a digest gathers 5 events into one letter at the chosen hour; a restart between gathering and sending still gives one letter with all 5")
    void digest() throws Exception {
        ZoneId zone = Preferences.DEFAULT_ZONE;
        ZonedDateTime local = clock.instant().atZone(zone);
        int hour = local.plusHours(3).getHour();
        preferences.save(citizen.id(), new Preferences(Map.of(Category.APPLICATION_STATUS,
                new Preferences.Row(EnumSet.of(Channel.EMAIL, Channel.SMS), Frequency.DAILY)), Preferences.LetterFormat.TEXT, hour,
                DayOfWeek.MONDAY, 1, null, null, zone, null), clock.instant());
        for (int i = 1; i <= 5; i++) {
            notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "application-status-changed", Map.of(
                    "applicationNumber", "100" + i, "serviceName", "Выдача паспорта", "status", "Этап " + i, "date", "2026-11-20"),
                    "system:test", null, null));
            clock.advance(Duration.ofMinutes(1));
        }
        dispatcher.dispatchAll();
        assertThat(Citizens.letters(catcher.imapPort(), address)).isEmpty();

        clock.advance(Duration.between(clock.instant(), local.plusHours(3).withMinute(0).withSecond(0).withNano(0).toInstant())
                .plusSeconds(1));
        assertThat(digests.gatherDue()).isOne();
        // The node that gathered dies before sending: its claim is taken and runs out, unsent.
        UUID digest = db.sql("SELECT id FROM notify.notifications WHERE account = :a AND kind = 'DIGEST'")
                .param("a", citizen.id()).query(UUID.class).single();
        db.sql("UPDATE notify.notifications SET status = 'sending', claimed_until = :t WHERE id = :id")
                .param("t", clock.instant().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC)).param("id", digest).update();
        assertThat(digests.gatherDue()).isZero();
        dispatcher.dispatchAll();

        Message[] letters = Citizens.letters(catcher.imapPort(), address);
        assertThat(letters).hasSize(1);
        assertThat(letters[0].getSubject()).isEqualTo("Сводка уведомлений: 5");
        String text = Citizens.text(letters[0]);
        assertThat(text).containsSubsequence("Заявление № 1001", "Заявление № 1002", "Заявление № 1003", "Заявление № 1004",
                "Заявление № 1005");
        assertThat(db.sql("SELECT count(*) FROM notify.notifications WHERE account = :a AND channel = 'SMS'")
                .param("a", citizen.id()).query(Long.class).single()).as("SMS are for notices one by one").isZero();
        assertThat(db.sql("SELECT count(*) FROM notify.notifications WHERE digest_id = :d AND status = 'digested'")
                .param("d", digest).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    @DisplayName("NTF-5: a notice another node is sending (its claim still running) is not taken again; once the claim runs out it is")
    void claimStillRunning() throws Exception {
        choose(Category.APPLICATION_STATUS, EnumSet.of(Channel.EMAIL));
        EventAccepted accepted = notifications.raise(statusChanged(UUID.randomUUID()));
        UUID id = accepted.notifications().getFirst().notificationId();
        db.sql("UPDATE notify.notifications SET status = 'sending', attempts = 1, claimed_until = :t WHERE id = :id")
                .param("t", clock.instant().plus(Duration.ofMinutes(2)).atOffset(java.time.ZoneOffset.UTC)).param("id", id).update();

        dispatcher.dispatchAll();
        assertThat(Citizens.letters(catcher.imapPort(), address)).isEmpty();
        assertThat(db.sql("SELECT attempts FROM notify.notifications WHERE id = :id").param("id", id).query(Integer.class).single())
                .isOne();

        clock.advance(Duration.ofMinutes(3));
        dispatcher.dispatchAll();
        assertThat(Citizens.letters(catcher.imapPort(), address)).hasSize(1);
        // A claim reads sendable rows only: rows being sent are indexed apart, by when their claim runs out.
        assertThat(db.sql("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'notify' "
                        + "AND indexname IN ('notifications_due', 'notifications_claimed') ORDER BY indexname")
                .query(String.class).list())
                .satisfiesExactly(claimed -> assertThat(claimed).contains("(claimed_until)", "'sending'"),
                        due -> assertThat(due).contains("(due_at)", "'created'", "'temporary-failure'").doesNotContain("sending"));
    }

    @Test
    @DisplayName("NTF-5: a notice due at once for a citizen with no confirmed address is written skipped and journalled before any dispatcher runs; one held by quiet hours is judged when due, and goes to an address bound meanwhile")
    void unreachableSettledAtOnce() throws Exception {
        Account nobody = TestCitizens.create(accounts, passwords);
        EventAccepted now = notifications.raise(statusChanged(UUID.randomUUID(), nobody.id()));

        assertThat(now.notifications()).filteredOn(p -> p.channel() == Channel.EMAIL).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("skipped");
            assertThat(Attempts.of(db, p.notificationId())).satisfiesExactly(
                    created -> assertThat(created).isEqualTo("created::"),
                    skipped -> assertThat(skipped).startsWith("skipped:no-confirmed-address:").isNotEqualTo("skipped:no-confirmed-address:"));
        });
        assertThat(statuses(now)).containsOnly("skipped");

        LocalTime local = clock.instant().atZone(Preferences.DEFAULT_ZONE).toLocalTime();
        preferences.save(nobody.id(), new Preferences(Map.of(Category.APPLICATION_STATUS,
                new Preferences.Row(EnumSet.of(Channel.EMAIL), Frequency.EACH_EVENT)), Preferences.LetterFormat.HTML, 9,
                DayOfWeek.MONDAY, 1, local.minusHours(1), local.plusHours(2), Preferences.DEFAULT_ZONE, null), clock.instant());
        EventAccepted held = notifications.raise(statusChanged(UUID.randomUUID(), nobody.id()));
        assertThat(held.notifications()).extracting(EventAccepted.Planned::status).containsExactly("created");

        String bound = Citizens.confirmedEmail(db, nobody.id());
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        dispatcher.dispatchAll();
        assertThat(Citizens.letters(catcher.imapPort(), bound)).hasSize(1);
        assertThat(statuses(held)).containsExactly("delivered");
    }

    private NewEvent statusChanged(UUID id) {
        return statusChanged(id, citizen.id());
    }

    private NewEvent statusChanged(UUID id, UUID account) {
        return new NewEvent(id, account, "application-status-changed", Map.of("applicationNumber", "1234567890",
                "serviceName", "Выдача паспорта", "status", "Услуга оказана", "date", "2026-11-20"), "system:test", null,
                new NewEvent.Sender(UUID.randomUUID(), "ФНС России"));
    }

    private void choose(Category category, EnumSet<Channel> channels) {
        preferences.save(citizen.id(), new Preferences(Map.of(category, new Preferences.Row(channels, Frequency.EACH_EVENT)),
                Preferences.LetterFormat.HTML, 9, DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE, null), Instant.now());
    }

    private List<String> statuses(EventAccepted accepted) {
        return db.sql("SELECT status FROM notify.notifications WHERE event_id = :id").param("id", accepted.eventId())
                .query(String.class).list();
    }
}
