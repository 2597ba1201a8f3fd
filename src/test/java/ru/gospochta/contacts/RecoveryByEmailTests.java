package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.contacts.ContactsFlow.newAddress;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.SessionRepository;

import ru.gospochta.WebClient;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** «Забыли пароль?» with a confirmed e-mail address as the identifier: the code comes by letter (ACC-5). */
@IdentityTest
class RecoveryByEmailTests {

    static final String NEW_PASSWORD = "Novyj-Parol-2025!";

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends org.springframework.session.Session> sessions;
    @Autowired MailCatcher catcher;
    @LocalServerPort int port;

    Account citizen;
    ContactsFlow contacts;

    @BeforeEach
    void citizen() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        contacts = new ContactsFlow(TestCitizens.signedIn(port, citizen, sessions), citizen, db, catcher);
    }

    static HttpResponse<String> ask(WebClient web, String identifier) {
        String form = web.get("/recover").body();
        return web.postForm("/recover", Map.of("identifier", identifier, "_csrf", WebClient.csrfToken(form)));
    }

    static HttpResponse<String> enterCode(WebClient web, String code) {
        String page = web.get("/recover/code").body();
        return web.postForm("/recover/code", Map.of("code", code, "_csrf", WebClient.csrfToken(page)));
    }

    /** Recovers by the address and sets {@link #NEW_PASSWORD}; the code is read from the letter. */
    void recoverBy(String typed, String mailbox) throws Exception {
        WebClient web = new WebClient(port);
        int before = contacts.letterCount(mailbox);
        assertThat(ask(web, typed).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/recover/code"));
        assertThat(web.get("/recover/code").body()).contains("Код из письма");
        assertThat(contacts.letterCount(mailbox)).isEqualTo(before + 1);
        String[] letter = contacts.lastLetter(mailbox);
        assertThat(letter[0]).isEqualTo("Восстановление доступа к личному кабинету");
        assertThat(letter[1]).contains("никогда не просит сообщить пароль");
        assertThat(enterCode(web, ContactsFlow.find(ContactsFlow.CODE, letter[1])).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/recover/password"));
        String page = web.get("/recover/password").body();
        assertThat(web.postForm("/recover/password", Map.of("password", NEW_PASSWORD, "repeated", NEW_PASSWORD,
                "_csrf", WebClient.csrfToken(page))).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?recovered"));
        assertThat(passwords.matches(NEW_PASSWORD, accounts.byId(citizen.id()).orElseThrow().passwordHash())).isTrue();
    }

    @Test
    @DisplayName("ACC-5, CNT-7: with no phone at hand, the confirmed main e-mail receives the recovery code by letter")
    void byMainAddress() throws Exception {
        String main = newAddress();
        contacts.bind("email", main);
        Limits.reset(db);
        int smsBefore = (int) Limits.smsCount(db, citizen.phone());

        recoverBy(main.toUpperCase(), main);

        assertThat(Limits.smsCount(db, citizen.phone())).as("no code went by SMS; only the notice of the change")
                .isEqualTo(smsBefore + 1);
        assertThat(db.sql("SELECT details::text FROM audit.entries WHERE action = 'identity.password.recovered' "
                + "AND target = :t").param("t", "account:" + citizen.id()).query(String.class).single()).contains("email-code");
    }

    @Test
    @DisplayName("ACC-5, CNT-5: the confirmed backup e-mail is a recovery channel too")
    void byBackupAddress() throws Exception {
        String backup = newAddress();
        contacts.bind("backup-email", backup);
        Limits.reset(db);

        recoverBy(backup, backup);
    }

    @Test
    @DisplayName("ACC-5: an address no account confirmed gets the same pages and receives nothing; a wrong code counts a try")
    void unknownAddress() throws Exception {
        String stranger = newAddress();
        WebClient web = new WebClient(port);
        assertThat(ask(web, stranger).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/recover/code"));
        assertThat(web.get("/recover/code").body()).contains("Если этот адрес подтверждён в учётной записи");
        assertThat(enterCode(web, "000000").body()).contains("Неверный код, осталось попыток: 4");
        assertThat(contacts.letterCount(stranger)).isZero();
    }

    @Test
    @DisplayName("ACC-5: an address waiting for confirmation is not a recovery channel")
    void unconfirmedAddress() throws Exception {
        String waiting = newAddress();
        contacts.add("email", waiting);
        int letters = contacts.letterCount(waiting);
        Limits.reset(db);

        ask(new WebClient(port), waiting);
        assertThat(contacts.letterCount(waiting)).as("only the confirmation letter").isEqualTo(letters);
    }

    @Test
    @DisplayName("ACC-3, ACC-5: an address two accounts confirmed names neither: no sign-in by it and no recovery code")
    void sharedAddress() throws Exception {
        String shared = newAddress();
        contacts.bind("email", shared);
        Account relative = TestCitizens.create(accounts, passwords);
        new ContactsFlow(TestCitizens.signedIn(port, relative, sessions), relative, db, catcher).bind("email", shared);
        int letters = contacts.letterCount(shared);
        Limits.reset(db);

        ask(new WebClient(port), shared);
        assertThat(contacts.letterCount(shared)).isEqualTo(letters);
        WebClient web = new WebClient(port);
        String login = web.get("/login").body();
        assertThat(web.postForm("/login", Map.of("identifier", shared, "password", TestCitizens.PASSWORD,
                "_csrf", WebClient.csrfToken(login))).statusCode()).isEqualTo(401);
    }
}
