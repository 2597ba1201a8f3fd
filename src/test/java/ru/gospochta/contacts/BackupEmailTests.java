package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.contacts.ContactsFlow.newAddress;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.SessionRepository;

import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.contacts.internal.email.EmailActuality;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.internal.mail.MailCatcher;

@IdentityTest
class BackupEmailTests {

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends org.springframework.session.Session> sessions;
    @Autowired MailCatcher catcher;
    @Autowired ContactEmails contactEmails;
    @Autowired EmailActuality actuality;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    Account citizen;
    WebClient browser;
    ContactsFlow contacts;

    @BeforeEach
    void signedIn() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        browser = TestCitizens.signedIn(port, citizen, sessions);
        contacts = new ContactsFlow(browser, citizen, db, catcher);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("CNT-5: a backup e-mail goes through the same re-check and letter, and stands beside the main one")
    void addsBackup() throws Exception {
        String main = newAddress();
        String backup = newAddress();
        contacts.bind("email", main);
        contacts.add("backup-email", backup);

        String waiting = browser.get("/cabinet/contacts").body();
        assertThat(waiting).contains("id=\"backup-email-waiting\"").contains(backup);
        assertThat(contacts.lastLetter(backup)[0]).isEqualTo("Подтверждение e-mail");
        contacts.enterCode("backup-email", ContactsFlow.find(ContactsFlow.CODE, contacts.lastLetter(backup)[1]));

        String page = browser.get("/cabinet/contacts").body();
        assertThat(page).contains("id=\"email-address\">" + main).contains("id=\"backup-email-address\">" + backup)
                .doesNotContain("id=\"backup-email-waiting\"");
        assertThat(contactEmails.deliverableEmail(citizen.id())).as("the main address still gets the letters").hasValue(main);
    }

    @Test
    @DisplayName("CNT-5: the backup may not be the main address again; it is refused with its own message and no letter goes")
    void backupIsNotTheMainAddress() throws Exception {
        String main = newAddress();
        contacts.bind("email", main);
        int letters = contacts.letterCount(main);

        var refused = contacts.add("backup-email", main.toUpperCase());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("уже указан в вашем личном кабинете как основной или резервный");
        assertThat(contacts.letterCount(main)).isEqualTo(letters);
        assertThat(browser.get("/cabinet/contacts").body()).contains("Резервный адрес не указан");
    }

    @Test
    @DisplayName("CNT-5, CNT-6: while the main address is suspended letters go to the confirmed backup; deleting the backup stops them")
    void lettersFallBackToBackup() throws Exception {
        String main = newAddress();
        String backup = newAddress();
        contacts.bind("email", main);
        contacts.bind("backup-email", backup);

        contactEmails.reportHardBounce(citizen.id(), main);
        assertThat(contactEmails.deliverableEmail(citizen.id())).hasValue(backup);

        String dialog = browser.get("/cabinet/contacts/backup-email/delete").body();
        assertThat(dialog).contains(backup).contains("id=\"delete-yes\"");
        var deleted = browser.postForm("/cabinet/contacts/backup-email/delete",
                java.util.Map.of("password", TestCitizens.PASSWORD, "_csrf", WebClient.csrfToken(dialog)));
        assertThat(deleted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?deleted"));

        assertThat(contactEmails.deliverableEmail(citizen.id())).as("a suspended main address receives nothing").isEmpty();
        assertThat(browser.get("/cabinet/contacts").body()).contains(main).contains("Рассылка приостановлена")
                .contains("Резервный адрес не указан");
    }

    @Test
    @DisplayName("CNT-6: a replacement left unconfirmed for 30 days is dropped, the address in force stays, and a second run finds nothing")
    void staleReplacementExpires() throws Exception {
        String main = newAddress();
        contacts.bind("email", main);
        String fresh = newAddress();
        contacts.add("email", fresh);
        assertThat(browser.get("/cabinet/contacts").body()).contains("id=\"email-waiting\"");

        // The session does not outlive a month of the test clock, so the rest is read from the tables.
        clock.advance(Duration.ofDays(29));
        actuality.expireReplacements();
        assertThat(waitingCount()).as("29 days are not yet 30").isEqualTo(1);

        clock.advance(Duration.ofDays(2));
        assertThat(actuality.expireReplacements()).isGreaterThanOrEqualTo(1);
        assertThat(waitingCount()).isZero();
        assertThat(contactEmails.deliverableEmail(citizen.id())).hasValue(main);
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'contacts.email-replacement-expired' AND target = :t")
                .param("t", "account:" + citizen.id()).query(Integer.class).single()).isEqualTo(1);
        actuality.expireReplacements();
        assertThat(db.sql("SELECT count(*) FROM contacts.email_addresses WHERE account_id = :a")
                .param("a", citizen.id()).query(Integer.class).single()).isEqualTo(1);
    }

    int waitingCount() {
        return db.sql("SELECT count(*) FROM contacts.email_addresses WHERE account_id = :a AND status = 'UNCONFIRMED'")
                .param("a", citizen.id()).query(Integer.class).single();
    }

    @Test
    @DisplayName("CNT-5: a slot other than the main and the backup address is not found")
    void unknownSlot() {
        assertThat(browser.get("/cabinet/contacts/other-email/recheck").statusCode()).isEqualTo(404);
    }
}
