package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.SessionRepository;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.BounceLetters;
import ru.gospochta.platform.CaughtMailbox;
import ru.gospochta.platform.Letter;
import ru.gospochta.platform.OutgoingMail;
import ru.gospochta.platform.internal.bounces.BounceReports;
import ru.gospochta.platform.internal.mail.MailCatcher;

/**
 * Letters that bounce after the relay took them, and complaints, come back to the return path as
 * reports; read from that mailbox (the catcher's, in the default run) they suspend the address.
 */
@IdentityTest
@DisplayName("NTF-5, CNT-6: delivery reports and complaints from the bounce mailbox")
class BounceReportTests {

    static final String BOUNCES = "bounces@gospochta.local";

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends org.springframework.session.Session> sessions;
    @Autowired MailCatcher catcher;
    @Autowired OutgoingMail mail;
    @Autowired BounceReports reports;
    @LocalServerPort int port;

    Account citizen;
    String address;

    @BeforeEach
    void citizenWithConfirmedAddress() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        address = "citizen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
        db.sql("""
                        INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                        VALUES (:id, :account, 'PRIMARY', :address, 'CONFIRMED', :now, :now)""")
                .param("id", UUID.randomUUID()).param("account", citizen.id()).param("address", address)
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
    }

    @Test
    @DisplayName("NTF-5: letters leave with the bounce address as their envelope sender (Return-Path); the From stays the portal's")
    void lettersCarryTheReturnPath() throws Exception {
        MimeMessage letter = sendAndReadBack();

        assertThat(letter.getHeader("Return-Path")).containsExactly("<" + BOUNCES + ">");
        assertThat(letter.getFrom()[0].toString()).contains("noreply@gospochta.local");
    }

    @Test
    @DisplayName("NTF-5, CNT-6: a DSN with 5.1.1 in the bounce mailbox suspends the confirmed address, journalled; SMS and cabinet say so; read once")
    void permanentFailureSuspends() throws Exception {
        MimeMessage letter = sendAndReadBack();
        String messageId = letter.getMessageID();
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(address, "failed", "5.1.1",
                "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown", headers(letter)));

        reports.poll();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "SUSPENDED".equals(row().get("status")));
        assertThat(row()).containsEntry("suspended_reason", "HARD_BOUNCE");
        awaitSms("приостановлены");
        assertThat(Limits.lastSms(db, citizen.phone())).contains("почтовый сервер отказался");
        assertThat(TestCitizens.signedIn(port, citizen, sessions).get("/cabinet").body())
                .contains("приостановлены").contains("почтовый сервер отказался принимать письма");
        Map<String, Object> journal = db.sql("SELECT details::text AS details FROM audit.entries "
                        + "WHERE action = 'contacts.email-bounced' AND target = :t").param("t", "account:" + citizen.id())
                .query().singleRow();
        assertThat((String) journal.get("details")).contains("5.1.1").contains(messageId).contains("report")
                .as("the journal never carries the whole address").doesNotContain(address);
        assertThat(bounceMailbox()).as("a report is read once").isZero();
    }

    @Test
    @DisplayName("NTF-5: a DSN that only reports a delay (4.2.2) changes nothing")
    void delayChangesNothing() throws Exception {
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(address, "delayed", "4.2.2",
                "452 4.2.2 Mailbox full", headers(sendAndReadBack())));

        reports.poll();

        assertThat(bounceMailbox()).isZero();
        assertThat(published(address)).as("nothing is reported on").isZero();
        assertThat(row()).containsEntry("status", "CONFIRMED");
    }

    @Test
    @DisplayName("NTF-5, CNT-6: an ARF complaint suspends the address with the complaint as its reason, in the SMS and the cabinet")
    void complaintSuspends() throws Exception {
        MimeMessage letter = sendAndReadBack();
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        letter.writeTo(original);
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES,
                BounceLetters.complaint("abuse", null, original.toString(StandardCharsets.UTF_8)));

        reports.poll();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "SUSPENDED".equals(row().get("status")));
        assertThat(row()).containsEntry("suspended_reason", "COMPLAINT");
        awaitSms("отметили как спам");
        assertThat(TestCitizens.signedIn(port, citizen, sessions).get("/cabinet/contacts").body())
                .contains("Рассылка приостановлена").contains("отметили как спам");
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'contacts.email-complained' AND target = :t")
                .param("t", "account:" + citizen.id()).query(Long.class).single()).isOne();

        long sms = Limits.smsCount(db, citizen.phone());
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.complaint("abuse", address, "Subject: again\r\n"));
        reports.poll();
        awaitHandled(address);
        assertThat(Limits.smsCount(db, citizen.phone())).as("an address suspended already is not suspended again").isEqualTo(sms);
    }

    @Test
    @DisplayName("NTF-5: autoreplies, broken MIME and oversized mail are dropped from the mailbox, never retried")
    void garbageIsDropped() throws Exception {
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES,
                "From: " + address + "\r\nTo: " + BOUNCES + "\r\nSubject: Автоответ\r\n\r\nЯ в отпуске до понедельника.\r\n");
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, "From: x@example.ru\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"missing\"\r\n\r\nnot MIME at all\r\n");
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(address, "failed", "5.1.1", "550",
                "Subject: big\r\nX-Padding: " + "x".repeat(900) + "\r\n").replace("I'm sorry", ("x".repeat(76) + "\r\n").repeat(15_000)));

        reports.poll();

        assertThat(bounceMailbox()).isZero();
        assertThat(reports.poll()).isZero();
        assertThat(published(address)).isZero();
        assertThat(row()).containsEntry("status", "CONFIRMED");
    }

    @Test
    @DisplayName("NTF-5, CNT-6: a report about an address no account holds changes nothing and journals nothing")
    void unknownAddress() throws Exception {
        String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
        // A letter of ours did go there (a recovery letter to a mistyped address, say), so the reports are genuine.
        mail.send(new Letter(stranger, "Уведомление", "Текст", null));
        String original = headers(lastLetterTo(stranger));
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(stranger, "failed", "5.1.1", "550 unknown", original));
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.complaint("abuse", stranger, original));

        reports.poll();

        awaitHandled(stranger);
        assertThat(db.sql("SELECT count(*) FROM contacts.email_addresses WHERE lower(address) = :a").param("a", stranger)
                .query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE details::text LIKE :a")
                .param("a", "%" + stranger.substring(1, 16) + "%").query(Long.class).single()).isZero();
        assertThat(row()).containsEntry("status", "CONFIRMED");
    }

    @Test
    @DisplayName("NTF-5, CNT-6: a report that returns no letter of ours to that address — none, an invented one, ours to someone else — suspends nothing")
    void forgedReportsIgnored() throws Exception {
        MimeMessage letter = sendAndReadBack();
        String invented = headers(letter).replace(letter.getMessageID(), "<ntf-" + UUID.randomUUID() + ".attempt-1@gospochta.local>");
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(address, "failed", "5.1.1", "550 5.1.1 unknown", null));
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(address, "failed", "5.1.1", "550 5.1.1 unknown", invented));
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.complaint("abuse", address, invented));
        // A genuine letter of ours, but to another citizen: it cannot speak for this address.
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
        mail.send(new Letter(other, "Уведомление", "Текст", null));
        MimeMessage toOther = lastLetterTo(other);
        BounceLetters.deliver(catcher.smtpPort(), BOUNCES, BounceLetters.dsn(address, "failed", "5.1.1", "550 5.1.1 unknown",
                headers(toOther)));

        assertThat(reports.poll()).isGreaterThanOrEqualTo(4);

        assertThat(row()).containsEntry("status", "CONFIRMED");
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE target = :t AND action LIKE 'contacts.email-%'")
                .param("t", "account:" + citizen.id()).query(Long.class).single()).isZero();
    }

    /** A letter of ours to the citizen, as it arrived: the original that a report returns. */
    MimeMessage sendAndReadBack() throws Exception {
        mail.send(new Letter(address, "Уведомление", "Документ готов", null));
        return lastLetterTo(address);
    }

    MimeMessage lastLetterTo(String to) throws Exception {
        return CaughtMailbox.last(catcher.imapPort(), to);
    }

    static String headers(MimeMessage letter) throws Exception {
        return Collections.list(letter.getAllHeaderLines()).stream().collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** Messages left in the bounce mailbox. */
    int bounceMailbox() throws Exception {
        return CaughtMailbox.count(catcher.imapPort(), BOUNCES);
    }

    /** Reports on the address published to the modules that listen. */
    long published(String about) {
        return db.sql("SELECT count(*) FROM platform.event_publication WHERE event_type LIKE '%MailBounced' "
                + "AND serialized_event LIKE :a").param("a", "%" + about + "%").query(Long.class).single();
    }

    /** Every report on the address was published and its listeners are done. */
    void awaitHandled(String about) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> published(about) > 0 && db.sql(
                        "SELECT count(*) FROM platform.event_publication WHERE event_type LIKE '%MailBounced' "
                                + "AND serialized_event LIKE :a AND completion_date IS NULL")
                .param("a", "%" + about + "%").query(Long.class).single() == 0);
    }

    Map<String, Object> row() {
        return db.sql("SELECT status, suspended_reason FROM contacts.email_addresses WHERE account_id = :a")
                .param("a", citizen.id()).query().singleRow();
    }

    void awaitSms(String containing) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
                        "SELECT count(*) FROM platform.caught_sms WHERE phone = :p AND text LIKE :t")
                .param("p", citizen.phone()).param("t", "%" + containing + "%").query(Long.class).single() > 0);
    }
}
