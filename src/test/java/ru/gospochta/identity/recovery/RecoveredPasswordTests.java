package ru.gospochta.identity.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.recovery.RecoveryPages.ask;
import static ru.gospochta.identity.recovery.RecoveryPages.enterCode;
import static ru.gospochta.identity.recovery.RecoveryPages.lastCode;
import static ru.gospochta.identity.recovery.RecoveryPages.location;
import static ru.gospochta.identity.recovery.RecoveryPages.setPassword;
import static ru.gospochta.identity.recovery.RecoveryPages.smsTo;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.thymeleaf.ITemplateEngine;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.IServletWebExchange;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import ru.gospochta.MutableClock;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** «Забыли пароль?» after the accepted code: the new password, what it ends, and who is told. */
@IdentityTest
class RecoveredPasswordTests {

    static final String NEW_PASSWORD = "Tayga-Ozero#Solnce58";

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired MutableClock clock;
    @Autowired ITemplateEngine templates;
    @LocalServerPort int port;

    /** Every page the recovering browser was shown, to check none of them gives a secret away. */
    final List<String> pagesSeen = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void freshSmsAllowance() {
        RecoveryPages.forgetSmsFromTestAddress(db);
    }


    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("ACC-5: recovery sets the new password, ends every session, sends a notice and is audited")
    void recoveryChangesThePassword() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient elsewhere = TestCitizens.signedIn(port, account, sessions);
        assertThat(elsewhere.get("/cabinet").statusCode()).as("signed in elsewhere before").isNotEqualTo(302);
        WebClient web = codeAccepted(account);

        String strength = web.postForm("/recover/password/strength", Map.of("password", NEW_PASSWORD,
                "_csrf", WebClient.csrfToken(web.get("/recover/password").body()))).body();
        HttpResponse<String> saved = setPassword(web, NEW_PASSWORD, NEW_PASSWORD);

        assertThat(strength).contains("<meter").contains("Надёжность пароля");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(location(saved)).endsWith("/login?recovered");
        Account after = accounts.byId(account.id()).orElseThrow();
        assertThat(passwords.matches(TestCitizens.PASSWORD, after.passwordHash())).isFalse();
        assertThat(passwords.matches(NEW_PASSWORD, after.passwordHash())).isTrue();
        assertThat(after.passwordVersion()).isEqualTo(account.passwordVersion() + 1);
        HttpResponse<String> elsewhereNow = elsewhere.get("/security");
        assertThat(elsewhereNow.statusCode()).isEqualTo(302);
        assertThat(location(elsewhereNow)).contains("/login");
        assertThat(smsTo(db, account.phone())).last().asString()
                .contains("пароль вашей учётной записи изменён").contains("Если это были не вы");
        assertThat(db.sql("""
                SELECT actor || ' ' || outcome || ' ' || source_ip FROM audit.entries
                WHERE action = 'identity.password.recovered' AND target = :target""")
                .param("target", "account:" + account.id()).query(String.class).list())
                .containsExactly("citizen:" + account.id() + " SUCCESS " + RecoveryPages.TEST_ADDRESS);
        assertThat(location(web.get("/recover/password"))).as("the recovery is over").endsWith("/recover");
        assertNoSecretIn(pagesSeen, account);
    }

    @Test
    @DisplayName("ACC-4, ACC-5: a weak new password is refused with each broken rule named, and nothing changes")
    void weakPasswordRefused() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient web = codeAccepted(account);

        HttpResponse<String> weak = setPassword(web, "ivanova12345", "ivanova12345");
        HttpResponse<String> different = setPassword(web, NEW_PASSWORD, NEW_PASSWORD + "!");
        pagesSeen.add(weak.body());
        pagesSeen.add(different.body());

        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).contains(
                "Добавьте в пароль заглавную букву",
                "Добавьте в пароль специальный символ",
                "Уберите из пароля последовательность",
                "Пароль не должен содержать ваши фамилию, имя или отчество");
        assertThat(different.body()).contains("Пароли не совпадают");
        assertThat(passwords.matches(TestCitizens.PASSWORD, accounts.byId(account.id()).orElseThrow().passwordHash()))
                .isTrue();
        assertThat(smsTo(db, account.phone())).hasSize(1);
        assertNoSecretIn(pagesSeen, account);
    }

    @Test
    @DisplayName("ACC-5: the new password must follow the accepted code within 10 minutes")
    void acceptedCodeDoesNotLastForever() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient web = codeAccepted(account);

        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> late = web.postForm("/recover/password", Map.of("password", NEW_PASSWORD,
                "repeated", NEW_PASSWORD, "_csrf", WebClient.csrfToken(pagesSeen.getLast())));

        assertThat(location(late)).endsWith("/recover");
        assertThat(web.get("/recover").body()).contains("Время на восстановление истекло");
        assertThat(passwords.matches(TestCitizens.PASSWORD, accounts.byId(account.id()).orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    @DisplayName("ACC-4: the 90-day reminder tells to change the password and links to the security settings")
    void reminderBanner() {
        String russian = reminder(Locale.of("ru"));
        String english = reminder(Locale.ENGLISH);

        assertThat(russian).contains("Вы не меняли пароль больше 90 дней. Рекомендуем сменить его")
                .contains("href=\"/security/password\"");
        assertThat(english).contains("more than 90 days");
    }

    /** The fragment as a page of the application would include it; its link needs a web request. */
    private String reminder(Locale locale) {
        MockServletContext servletContext = new MockServletContext();
        IServletWebExchange exchange = JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(new MockHttpServletRequest(servletContext), new MockHttpServletResponse());
        return templates.process("identity/recovery/password-reminder", Set.of("banner"), new WebContext(exchange, locale));
    }

    /** Walks to the accepted code, keeping every page shown. */
    private WebClient codeAccepted(Account account) {
        WebClient web = new WebClient(port);
        ask(web, account.phone());
        pagesSeen.add(web.get("/recover/code").body());
        HttpResponse<String> accepted = enterCode(web, lastCode(db, account.phone()));
        assertThat(location(accepted)).endsWith("/recover/password");
        pagesSeen.add(web.get("/recover/password").body());
        return web;
    }

    private void assertNoSecretIn(List<String> pages, Account account) {
        List<String> secrets = new ArrayList<>(db.sql("SELECT code_hash FROM identity.one_time_codes WHERE target = :phone")
                .param("phone", account.phone())
                .query((rs, n) -> new String(rs.getBytes("code_hash"), StandardCharsets.US_ASCII)).list());
        smsTo(db, account.phone()).stream().map(text -> text.replaceAll("\\D", "")).filter(d -> d.length() == 6)
                .forEach(secrets::add);
        secrets.add(accounts.byId(account.id()).orElseThrow().passwordHash());
        secrets.add(account.passwordHash());
        assertThat(pages).isNotEmpty().allSatisfy(page -> assertThat(page)
                .doesNotContain(secrets.toArray(String[]::new))
                .doesNotContain("$argon2"));
    }
}
