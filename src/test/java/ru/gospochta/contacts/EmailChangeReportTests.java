package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.contacts.ContactsFlow.newAddress;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

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
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.internal.mail.MailCatcher;

@IdentityTest
class EmailChangeReportTests {

    static final Pattern REPORT_LINK = Pattern.compile("https?://[^/\\s]+(/contacts/not-me\\?token=[A-Za-z0-9_-]+)");

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends org.springframework.session.Session> sessions;
    @Autowired MailCatcher catcher;
    @Autowired ContactEmails contactEmails;
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

    /** Binds {@code old}, replaces it with {@code fresh}, and returns the report link of the notice to {@code old}. */
    String replace(String old, String fresh) throws Exception {
        contacts.bind("email", old);
        contacts.bind("email", fresh);
        String[] notice = contacts.lastLetter(old);
        assertThat(notice[0]).isEqualTo("Адрес электронной почты изменён");
        assertThat(notice[2]).contains("Адрес меняли не я");
        return ContactsFlow.find(REPORT_LINK, notice[1]);
    }

    /** Sends the report with a CSRF token of the visitor's session, whatever the link's page now offers. */
    HttpResponse<String> report(WebClient visitor, String link) {
        String token = link.substring(link.indexOf("token=") + 6);
        String form = visitor.get("/recover").body();
        return visitor.postForm("/contacts/not-me", Map.of("token", token, "_csrf", WebClient.csrfToken(form)));
    }

    int passwordVersion() {
        return accounts.byId(citizen.id()).orElseThrow().passwordVersion();
    }

    @Test
    @DisplayName("CNT-4: «Адрес меняли не я» from the old address puts it back, ends every session and tells the phone")
    void reportPutsOldAddressBack() throws Exception {
        String old = newAddress();
        String fresh = newAddress();
        String link = replace(old, fresh);
        int version = passwordVersion();

        WebClient oldOwner = new WebClient(port);
        String page = oldOwner.get(link).body();
        assertThat(page).contains("id=\"not-me-submit\"").contains("id=\"not-me-lead\"").doesNotContain(fresh);
        assertThat(contactEmails.deliverableEmail(citizen.id())).as("opening the link changes nothing").hasValue(fresh);
        assertThat(browser.get("/cabinet/contacts").statusCode()).isEqualTo(200);

        HttpResponse<String> done = report(oldOwner, link);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"not-me-done\"");

        assertThat(contactEmails.deliverableEmail(citizen.id())).hasValue(old);
        assertThat(browser.get("/cabinet/contacts").headers().firstValue("Location"))
                .as("the session that made the change is over").hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(passwordVersion()).as("remembered devices are forgotten").isGreaterThan(version);
        assertThat(Limits.lastSms(db, citizen.phone())).contains("замену e-mail выполнили не вы");
        assertThat(db.sql("SELECT count(*) FROM audit.entries WHERE action = 'contacts.email-change-disputed' "
                + "AND target = :t").param("t", "account:" + citizen.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("CNT-4: the report link works once; an unknown link and one older than 30 days are refused with their own messages")
    void reportRefusals() throws Exception {
        String link = replace(newAddress(), newAddress());
        WebClient visitor = new WebClient(port);
        assertThat(report(visitor, link).body()).contains("id=\"not-me-done\"");
        HttpResponse<String> reopened = visitor.get(link);
        assertThat(reopened.statusCode()).isEqualTo(422);
        assertThat(reopened.body()).contains("уже сообщили о замене адреса").doesNotContain("id=\"not-me-submit\"");
        HttpResponse<String> again = report(visitor, link);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("уже сообщили о замене адреса");

        HttpResponse<String> unknown = visitor.get("/contacts/not-me?token=forged");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Ссылка недействительна").doesNotContain("id=\"not-me-submit\"");

        Account other = TestCitizens.create(accounts, passwords);
        WebClient otherBrowser = TestCitizens.signedIn(port, other, sessions);
        ContactsFlow otherContacts = new ContactsFlow(otherBrowser, other, db, catcher);
        String old = newAddress();
        String fresh = newAddress();
        otherContacts.bind("email", old);
        otherContacts.bind("email", fresh);
        String late = ContactsFlow.find(REPORT_LINK, otherContacts.lastLetter(old)[1]);
        clock.advance(Duration.ofDays(31));
        // Read by GET: a session made now would look a month old to the session lifetime filter of the test clock.
        HttpResponse<String> expired = new WebClient(port).get(late);
        assertThat(expired.statusCode()).isEqualTo(422);
        assertThat(expired.body()).contains("действовала 30 дней").doesNotContain("id=\"not-me-submit\"");
        assertThat(contactEmails.deliverableEmail(other.id())).as("nothing changed").hasValue(fresh);
    }

    @Test
    @DisplayName("CNT-4: when the address was changed again since, the report ends the sessions but puts nothing back")
    void laterChangeIsKept() throws Exception {
        String first = newAddress();
        String link = replace(first, newAddress());
        String third = newAddress();
        contacts.bind("email", third);

        assertThat(report(new WebClient(port), link).body()).contains("id=\"not-me-done\"");
        assertThat(contactEmails.deliverableEmail(citizen.id())).hasValue(third);
        assertThat(browser.get("/cabinet/contacts").statusCode()).isEqualTo(302);
    }
}
