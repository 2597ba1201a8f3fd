package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.SessionRepository;

import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.contacts.internal.email.ContactLetters;
import ru.gospochta.contacts.internal.email.EmailActuality;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.internal.mail.MailCatcher;

@IdentityTest
@Import(BouncingMail.Config.class)
class EmailActualityTests {

    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends org.springframework.session.Session> sessions;
    @Autowired MailCatcher catcher;
    @Autowired MutableClock clock;
    @Autowired EmailActuality actuality;
    @Autowired ContactEmails contactEmails;
    @Autowired ContactLetters letters;
    @LocalServerPort int port;

    Account citizen;
    WebClient browser;

    @BeforeEach
    void signedIn() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        browser = TestCitizens.signedIn(port, citizen, sessions);
        BouncingMail.BOUNCING.set(false);
    }

    @AfterEach
    void realTime() {
        clock.reset();
        BouncingMail.BOUNCING.set(true);
    }

    String csrf(String path) {
        return WebClient.csrfToken(browser.get(path).body());
    }

    /** Re-check (password and SMS code) and send the letter to the address. */
    void add(String address) {
        Limits.reset(db);
        browser.postForm("/cabinet/contacts/email/recheck/code", Map.of("_csrf", csrf("/cabinet/contacts/email/recheck")));
        browser.postForm("/cabinet/contacts/email/recheck", Map.of("password", TestCitizens.PASSWORD,
                "code", Limits.lastCode(db, citizen.phone()), "_csrf", csrf("/cabinet/contacts/email/recheck")));
        browser.postForm("/cabinet/contacts/email/new", Map.of("address", address, "_csrf", csrf("/cabinet/contacts/email/new")));
    }

    HttpResponse<String> enterCodeFromLetter(String address) throws Exception {
        Matcher code = CODE.matcher(lastLetterText(address));
        assertThat(code.find()).isTrue();
        return browser.postForm("/cabinet/contacts/email/confirm",
                Map.of("code", code.group(1), "_csrf", csrf("/cabinet/contacts/email/confirm")));
    }

    HttpResponse<String> confirmAgain() {
        return browser.postForm("/cabinet/contacts/email/reconfirm", Map.of("_csrf", csrf("/cabinet/contacts")));
    }

    String lastLetterText(String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", catcher.imapPort(), address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            return (String) ((Multipart) inbox.getMessage(inbox.getMessageCount()).getContent()).getBodyPart(0).getContent();
        } finally {
            store.close();
        }
    }

    Map<String, Object> row() {
        return db.sql("SELECT status, suspended_reason, suspended_at FROM contacts.email_addresses WHERE account_id = :a")
                .param("a", citizen.id()).query().singleRow();
    }

    void awaitSms(String containing) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
                        "SELECT count(*) FROM platform.caught_sms WHERE phone = :p AND text LIKE :t")
                .param("p", citizen.phone()).param("t", "%" + containing + "%").query(Long.class).single() > 0);
    }

    static String address(String domain) {
        return "citizen-" + UUID.randomUUID().toString().substring(0, 8) + domain;
    }

    @Test
    @DisplayName("CNT-6: an address left unconfirmed for 30 days is suspended (not a day before), once; SMS, profile and cabinet say so")
    void suspendsAfterThirtyDaysUnconfirmed() throws Exception {
        String address = address("@example.ru");
        add(address);

        clock.advance(Duration.ofDays(29));
        actuality.suspendUnconfirmed();
        assertThat(row().get("status")).isEqualTo("UNCONFIRMED");

        clock.advance(Duration.ofDays(2));
        actuality.suspendUnconfirmed();
        assertThat(row()).containsEntry("status", "SUSPENDED").containsEntry("suspended_reason", "UNCONFIRMED_30_DAYS");
        awaitSms("приостановлены");
        long sms = Limits.smsCount(db, citizen.phone());
        actuality.suspendUnconfirmed();
        assertThat(row().get("status")).isEqualTo("SUSPENDED");
        assertThat(Limits.smsCount(db, citizen.phone())).as("a second run tells nobody again").isEqualTo(sms);
        assertThat(contactEmails.deliverableEmail(citizen.id())).isEmpty();

        // Sessions end by the real time of their creation; look at the pages back in the present.
        clock.reset();
        browser = TestCitizens.signedIn(port, citizen, sessions);
        assertThat(browser.get("/cabinet/contacts").body()).contains(address).contains("Рассылка приостановлена")
                .contains("не подтверждён в течение 30 дней").contains("id=\"reconfirm-email\"");
        assertThat(browser.get("/cabinet").body()).contains("Письма на адрес " + address + " приостановлены")
                .contains("href=\"/cabinet/contacts\"");
    }

    @Test
    @DisplayName("CNT-6: «Подтвердить снова» sends a new letter; its code lifts the suspension and clears its reason")
    void confirmingAgainLiftsTheSuspension() throws Exception {
        String address = address("@example.ru");
        add(address);
        clock.advance(Duration.ofDays(31));
        actuality.suspendUnconfirmed();
        clock.reset();
        browser = TestCitizens.signedIn(port, citizen, sessions);

        assertThat(confirmAgain().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/email/confirm"));
        assertThat(browser.get("/cabinet/contacts").body()).as("still suspended until the code").contains("Рассылка приостановлена");
        enterCodeFromLetter(address);

        assertThat(row()).containsEntry("status", "CONFIRMED").containsEntry("suspended_reason", null)
                .containsEntry("suspended_at", null);
        assertThat(contactEmails.deliverableEmail(citizen.id())).contains(address);
        assertThat(browser.get("/cabinet").body()).doesNotContain("приостановлены");
    }

    @Test
    @DisplayName("CNT-6: an SMTP 5xx suspends the address at once (journalled, SMS); confirming it again works once mail goes through")
    void hardBounceSuspendsUntilConfirmedAgain() throws Exception {
        String address = address(BouncingMail.DOMAIN);
        add(address);
        enterCodeFromLetter(address);
        assertThat(contactEmails.deliverableEmail(citizen.id())).contains(address);

        BouncingMail.BOUNCING.set(true);
        assertThatThrownBy(() -> letters.send(address, "email-changed", Locale.of("ru"),
                Map.of("newAddress", "x***@example.ru", "reportUrl", "http://localhost/recover")))
                .isInstanceOfSatisfying(MailNotSent.class, e -> assertThat(e.permanent()).isTrue());

        assertThat(row()).containsEntry("status", "SUSPENDED").containsEntry("suspended_reason", "HARD_BOUNCE");
        assertThat(contactEmails.deliverableEmail(citizen.id())).as("never a suspended address").isEmpty();
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'contacts.email-bounced' AND details::text LIKE '%550%'")
                .query(Long.class).single()).isPositive();
        awaitSms("приостановлены");
        assertThat(browser.get("/cabinet/contacts").body()).contains("Рассылка приостановлена")
                .contains("почтовый сервер отказался принимать письма");
        assertThat(browser.get("/cabinet").body()).contains("приостановлены");

        HttpResponse<String> stillBouncing = confirmAgain();
        assertThat(stillBouncing.statusCode()).isEqualTo(422);
        assertThat(stillBouncing.body()).contains("Почтовый сервер отказался принять письмо");
        assertThat(row().get("status")).isEqualTo("SUSPENDED");

        BouncingMail.BOUNCING.set(false);
        confirmAgain();
        enterCodeFromLetter(address);
        assertThat(row()).containsEntry("status", "CONFIRMED").containsEntry("suspended_reason", null);
        assertThat(contactEmails.deliverableEmail(citizen.id())).contains(address);
    }

    @Test
    @DisplayName("CNT-6: a hard bounce reported through ContactEmails suspends only that account's confirmed address")
    void reportedHardBounce() throws Exception {
        String address = address("@example.ru");
        add(address);
        enterCodeFromLetter(address);

        contactEmails.reportHardBounce(citizen.id(), "someone-else@example.ru");
        assertThat(row().get("status")).isEqualTo("CONFIRMED");

        contactEmails.reportHardBounce(citizen.id(), address.toUpperCase(Locale.ROOT));
        assertThat(row()).containsEntry("status", "SUSPENDED").containsEntry("suspended_reason", "HARD_BOUNCE");
        assertThat(contactEmails.deliverableEmail(citizen.id())).isEmpty();
    }
}
