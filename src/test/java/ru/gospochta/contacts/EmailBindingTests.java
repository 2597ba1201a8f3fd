package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
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
class EmailBindingTests {

    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/cabinet/contacts/email/confirm\\?token=[A-Za-z0-9_-]+)");

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends org.springframework.session.Session> sessions;
    @Autowired MailCatcher catcher;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    Account citizen;
    WebClient browser;

    @BeforeEach
    void signedIn() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        browser = TestCitizens.signedIn(port, citizen, sessions);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    String csrf(String path) {
        return WebClient.csrfToken(browser.get(path).body());
    }

    /** Re-check (password and SMS code) and send the letter to the address. */
    HttpResponse<String> add(String address) {
        Limits.reset(db);
        browser.postForm("/cabinet/contacts/email/recheck/code", Map.of("_csrf", csrf("/cabinet/contacts/email/recheck")));
        String code = Limits.lastCode(db, citizen.phone());
        HttpResponse<String> rechecked = browser.postForm("/cabinet/contacts/email/recheck",
                Map.of("password", TestCitizens.PASSWORD, "code", code, "_csrf", csrf("/cabinet/contacts/email/recheck")));
        assertThat(rechecked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/email/new"));
        return browser.postForm("/cabinet/contacts/email/new", Map.of("address", address, "_csrf", csrf("/cabinet/contacts/email/new")));
    }

    HttpResponse<String> enterCode(String code) {
        return browser.postForm("/cabinet/contacts/email/confirm", Map.of("code", code, "_csrf", csrf("/cabinet/contacts/email/confirm")));
    }

    static String newAddress() {
        return "citizen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
    }

    /** The latest letter to the address, read over IMAP from the mail catcher: subject, text, HTML. */
    String[] lastLetter(String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", catcher.imapPort(), address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message letter = inbox.getMessage(inbox.getMessageCount());
            Multipart parts = (Multipart) letter.getContent();
            return new String[] {letter.getSubject(), (String) parts.getBodyPart(0).getContent(),
                    (String) parts.getBodyPart(1).getContent(),
                    ((jakarta.mail.internet.InternetAddress) letter.getFrom()[0]).getPersonal()};
        } finally {
            store.close();
        }
    }

    static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("in: " + text).isTrue();
        return m.group(1);
    }

    @Test
    @DisplayName("CNT-2, CNT-3: after the password and an SMS code, a letter with a code and a link; the code confirms «Подтверждён»")
    void addsAndConfirmsByCode() throws Exception {
        String address = newAddress();
        assertThat(add(address).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/email/confirm"));

        String[] letter = lastLetter(address);
        assertThat(letter[0]).isEqualTo("Подтверждение e-mail");
        assertThat(letter[3]).isEqualTo("Госпочта");
        assertThat(letter[1]).contains("никогда не просит").doesNotContain(TestCitizens.PASSWORD);
        assertThat(letter[2]).contains("<a href=");
        assertThat(browser.get("/cabinet/contacts").body()).contains("Не подтверждён").doesNotContain("email-status");

        HttpResponse<String> confirmed = enterCode(find(CODE, letter[1]));

        assertThat(confirmed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?confirmed"));
        String page = browser.get("/cabinet/contacts?confirmed").body();
        assertThat(page).contains("Адрес подтверждён").contains(address).contains("Подтверждён");
    }

    @Test
    @DisplayName("CNT-2, CNT-4: the link confirms once; the old address stays until then and is told of the change")
    void changesByLinkAndTellsOldAddress() throws Exception {
        String old = newAddress();
        add(old);
        enterCode(find(CODE, lastLetter(old)[1]));

        String fresh = newAddress();
        add(fresh);
        assertThat(browser.get("/cabinet/contacts").body()).contains(old).contains("Ожидает подтверждения");
        String link = find(LINK, lastLetter(fresh)[1]);

        assertThat(browser.get(link).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?confirmed"));
        assertThat(browser.get("/cabinet/contacts").body()).contains(fresh).doesNotContain(old);
        assertThat(lastLetter(old)[0]).isEqualTo("Адрес электронной почты изменён");
        assertThat(browser.get(link).body()).contains("Ссылка недействительна или уже использована");
    }

    @Test
    @DisplayName("CNT-2: a link opened in another account's session is refused with its own message and changes nothing")
    void linkOfAnotherAccount() throws Exception {
        String address = newAddress();
        add(address);
        String link = find(LINK, lastLetter(address)[1]);

        Account other = TestCitizens.create(accounts, passwords);
        WebClient stranger = TestCitizens.signedIn(port, other, sessions);
        assertThat(stranger.get(link).body()).contains("выдана для другой учётной записи");
        assertThat(browser.get("/cabinet/contacts").body()).contains("Ожидает подтверждения");
    }

    @Test
    @DisplayName("CNT-2: the link opened signed out asks for sign-in first and then completes")
    void linkSignedOut() throws Exception {
        String address = newAddress();
        add(address);
        String link = find(LINK, lastLetter(address)[1]);

        WebClient signedOut = new WebClient(port);
        HttpResponse<String> asked = signedOut.get(link);
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        Limits.reset(db);
        String login = signedOut.get("/login").body();
        signedOut.postForm("/login", Map.of("identifier", citizen.phone(), "password", TestCitizens.PASSWORD,
                "_csrf", WebClient.csrfToken(login)));
        String factor = signedOut.get("/login/second-factor").body();
        HttpResponse<String> in = signedOut.postForm("/login/second-factor", Map.of("method", "SMS",
                "code", Limits.lastCode(db, citizen.phone()), "_csrf", WebClient.csrfToken(factor)));
        assertThat(in.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains(link));
        assertThat(signedOut.get(link).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?confirmed"));
    }

    @Test
    @DisplayName("CNT-2: an expired code and a sixth try are refused with their own messages; the address stays unconfirmed")
    void expiredAndExhaustedCodes() throws Exception {
        String address = newAddress();
        add(address);
        String code = find(CODE, lastLetter(address)[1]);
        String wrong = code.equals("111111") ? "222222" : "111111";

        assertThat(enterCode(wrong).body()).contains("Осталось попыток: 4");
        for (int i = 0; i < 3; i++) {
            enterCode(wrong);
        }
        assertThat(enterCode(wrong).body()).contains("Попытки ввода кода исчерпаны");
        assertThat(enterCode(code).body()).as("the sixth try, right or not").contains("Попытки ввода кода исчерпаны");

        clock.advance(Duration.ofSeconds(61));
        browser.postForm("/cabinet/contacts/email/resend", Map.of("_csrf", csrf("/cabinet/contacts/email/confirm")));
        String fresh = find(CODE, lastLetter(address)[1]);
        clock.advance(Duration.ofMinutes(11));
        assertThat(enterCode(fresh).body()).contains("Срок действия кода истёк");
        assertThat(browser.get("/cabinet/contacts").body()).contains("Ожидает подтверждения");
    }

    @Test
    @DisplayName("CNT-2: «Отправить код ещё раз» is refused before 60 seconds and accepted after")
    void resendAfterSixtySeconds() throws Exception {
        add(newAddress());
        assertThat(browser.get("/cabinet/contacts/email/confirm").body()).contains("data-countdown=\"60\"");

        HttpResponse<String> early = browser.postForm("/cabinet/contacts/email/resend",
                Map.of("_csrf", csrf("/cabinet/contacts/email/confirm")));
        assertThat(early.headers().firstValue("Location")).as("post, then redirect: a reload sends nothing")
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet/contacts/email/confirm"));
        assertThat(browser.get("/cabinet/contacts/email/confirm").body()).contains("Отправить письмо ещё раз можно через");

        clock.advance(Duration.ofSeconds(61));
        browser.postForm("/cabinet/contacts/email/resend", Map.of("_csrf", csrf("/cabinet/contacts/email/confirm")));
        assertThat(browser.get("/cabinet/contacts/email/confirm").body()).contains("Мы отправили новое письмо");
    }

    @Test
    @DisplayName("CNT-3: the address form stays closed without the re-check; a refused address names its rule and sends nothing")
    void recheckAndRules() {
        assertThat(browser.get("/cabinet/contacts/email/new").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/email/recheck"));
        HttpResponse<String> wrong = browser.postForm("/cabinet/contacts/email/recheck",
                Map.of("password", "Wrong-Password-1!", "code", "123456", "_csrf", csrf("/cabinet/contacts/email/recheck")));
        assertThat(wrong.statusCode()).isEqualTo(422);

        HttpResponse<String> refused = add("ivan@mailinator.com");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("одноразов");
        assertThat(db.sql("SELECT count(*) FROM contacts.email_addresses WHERE account_id = :a").param("a", citizen.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("ACC-3, ACC-6: a confirmed e-mail signs in like the phone, and a sign-in from a new device is told to it by letter")
    void confirmedEmailSignsIn() throws Exception {
        String address = newAddress();
        add(address);
        enterCode(find(CODE, lastLetter(address)[1]));

        Limits.reset(db);
        WebClient other = new WebClient(port);
        String login = other.get("/login").body();
        HttpResponse<String> password = other.postForm("/login", Map.of("identifier", address.toUpperCase(),
                "password", TestCitizens.PASSWORD, "_csrf", WebClient.csrfToken(login)));
        assertThat(password.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        String factor = other.get("/login/second-factor").body();
        other.postForm("/login/second-factor", Map.of("method", "SMS", "code", Limits.lastCode(db, citizen.phone()),
                "_csrf", WebClient.csrfToken(factor)));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> lastLetter(address)[0].equals("Вход в личный кабинет с нового устройства"));
        WebClient unconfirmed = new WebClient(port);
        String page = unconfirmed.get("/login").body();
        assertThat(unconfirmed.postForm("/login", Map.of("identifier", newAddress(), "password", TestCitizens.PASSWORD,
                "_csrf", WebClient.csrfToken(page))).statusCode()).as("an address no account has confirmed").isEqualTo(401);
    }

    @Test
    @DisplayName("CNT-1: the hint under the address names the broken rule as it is typed, and is empty for a good address")
    void hintAsYouType() {
        String token = csrf("/cabinet/contacts/email/recheck");
        String twoAts = browser.postForm("/cabinet/contacts/email/check", Map.of("address", "ivan@@mail.ru", "_csrf", token)).body();
        assertThat(twoAts).contains("id=\"address-error\"").contains("ровно один");
        String good = browser.postForm("/cabinet/contacts/email/check", Map.of("address", "ivan@пример.рф", "_csrf", token)).body();
        assertThat(good).contains("id=\"address-error\"").doesNotContain("<p>");
    }

    @Test
    @DisplayName("CNT-4: deleting asks for the password in a «Да» / «Отмена» dialog; then the address is gone")
    void deletesWithPassword() throws Exception {
        String address = newAddress();
        add(address);
        enterCode(find(CODE, lastLetter(address)[1]));

        String dialog = browser.get("/cabinet/contacts/email/delete").body();
        assertThat(dialog).contains("id=\"delete-yes\"").contains("id=\"delete-no\"").contains("role=\"alertdialog\"");
        assertThat(browser.postForm("/cabinet/contacts/email/delete",
                Map.of("password", "Wrong-Password-1!", "_csrf", WebClient.csrfToken(dialog))).statusCode()).isEqualTo(422);
        assertThat(browser.get("/cabinet/contacts").body()).contains(address);

        HttpResponse<String> deleted = browser.postForm("/cabinet/contacts/email/delete",
                Map.of("password", TestCitizens.PASSWORD, "_csrf", WebClient.csrfToken(dialog)));
        assertThat(deleted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?deleted"));
        assertThat(browser.get("/cabinet/contacts").body()).doesNotContain(address).contains("Адрес электронной почты не указан");
    }
}
