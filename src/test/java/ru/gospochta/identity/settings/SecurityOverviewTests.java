package ru.gospochta.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.signin.SignInJournal;

/** «Настройки безопасности»: the overview, its journal and sessions, over real HTTP (ACC-6). */
@IntegrationTest
class SecurityOverviewTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Autowired
    SignInJournal journal;

    @Autowired
    JdbcClient db;

    @Test
    @DisplayName("ACC-6: the overview shows two-step status, the sign-in journal in Moscow time and the active sessions")
    void showsJournalAndSessions() {
        Account account = TestCitizens.create(accounts, passwords);
        journal.record(account.id(), Instant.parse("2025-03-01T09:15:00Z"), "203.0.113.7", "Firefox, Linux",
                SignInJournal.Result.SUCCESS);
        journal.record(account.id(), Instant.parse("2025-03-02T21:40:00Z"), "198.51.100.23", "Chrome, Android",
                SignInJournal.Result.WRONG_PASSWORD);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        TestCitizens.signedIn(port, account, sessions);

        HttpResponse<String> page = me.get("/security");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Настройки безопасности", "Двухэтапная проверка", "Выключена", "Уведомления о входе")
                .contains("Журнал входов", "01.03.2025 12:15", "203.0.113.7", "Firefox, Linux", "Успешный вход")
                .contains("03.03.2025 00:40", "198.51.100.23", "Chrome, Android", "Неверный пароль")
                .contains("Активные сеансы", "Этот сеанс", "Завершить сеанс", "Завершить все другие сеансы")
                .contains("/security/two-step/totp", "/security/two-step/sms", "/security/password");
        assertThat(page.body().split("class=\"session", -1)).hasSize(3);
        assertThat(page.body().split("class=\"this-session\"", -1)).hasSize(2);
    }

    @Test
    @DisplayName("ACC-6: «Завершить сеанс» ends the other session, whose next request goes to /login, and keeps this one")
    void endsAnotherSession() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        WebClient other = TestCitizens.signedIn(port, account, sessions);
        assertThat(other.get("/security").statusCode()).isEqualTo(200);

        String page = me.get("/security").body();
        List<String> refs = SecurityPages.all(SecurityPages.SESSION_REF, page);
        assertThat(refs).hasSize(1);
        assertThat(page).as("a session id signs in: the page never carries one")
                .doesNotContain(sessionIdOf(other)).doesNotContain(sessionIdOf(me));

        HttpResponse<String> ended = me.postForm("/security/sessions/end",
                Map.of("session", refs.getFirst(), "_csrf", WebClient.csrfToken(page)));

        assertThat(ended.statusCode()).isEqualTo(302);
        HttpResponse<String> afterwards = other.get("/security");
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        HttpResponse<String> mine = me.get("/security");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("Сеанс завершён.", "Других сеансов нет.");
        assertThat(SecurityPages.audited(db, account)).contains("identity.session-end SUCCESS");
    }

    @Test
    @DisplayName("ACC-6: «Завершить все другие сеансы» ends every session but this one")
    void endsAllOtherSessions() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        WebClient second = TestCitizens.signedIn(port, account, sessions);
        WebClient third = TestCitizens.signedIn(port, account, sessions);
        WebClient stranger = TestCitizens.signedIn(port, TestCitizens.create(accounts, passwords), sessions);

        HttpResponse<String> ended = SecurityPages.submit(me, "/security", "/security/sessions/end-others", Map.of());

        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(second.get("/security").statusCode()).isEqualTo(302);
        assertThat(third.get("/security").statusCode()).isEqualTo(302);
        assertThat(stranger.get("/security").statusCode()).as("another person's session is not touched").isEqualTo(200);
        assertThat(me.get("/security").body()).contains("Другие сеансы завершены: 2.");
    }

    @Test
    @DisplayName("ACC-6: a session of another person cannot be ended by its reference")
    void leavesOtherPeoplesSessionsAlone() {
        Account mine = TestCitizens.create(accounts, passwords);
        Account theirs = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, mine, sessions);
        WebClient them = TestCitizens.signedIn(port, theirs, sessions);
        TestCitizens.signedIn(port, theirs, sessions);
        String theirRef = SecurityPages.first(SecurityPages.SESSION_REF, them.get("/security").body());

        HttpResponse<String> attempt = SecurityPages.submit(me, "/security", "/security/sessions/end",
                Map.of("session", theirRef));

        assertThat(attempt.statusCode()).isEqualTo(302);
        assertThat(me.get("/security").body()).contains("Этот сеанс уже завершён.");
        assertThat(sessions.findByPrincipalName(theirs.principalName())).hasSize(2);
    }

    @Test
    @DisplayName("ACC-6: «Уведомления о входе» can be turned off and on again, and each change is audited")
    void togglesSignInAlerts() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        assertThat(account.signInAlerts()).isTrue();

        assertThat(SecurityPages.submit(me, "/security", "/security/sign-in-alerts", Map.of("enabled", "false"))
                .statusCode()).isEqualTo(302);
        assertThat(accounts.byId(account.id()).orElseThrow().signInAlerts()).isFalse();
        assertThat(me.get("/security").body()).contains("Уведомления о входе выключены.", "Включить уведомления");

        SecurityPages.submit(me, "/security", "/security/sign-in-alerts", Map.of("enabled", "true"));
        assertThat(accounts.byId(account.id()).orElseThrow().signInAlerts()).isTrue();
        assertThat(SecurityPages.audited(db, account))
                .containsExactly("identity.sign-in-alerts SUCCESS", "identity.sign-in-alerts SUCCESS");
    }

    @Test
    @DisplayName("ACC-6: a change posted without the CSRF token is refused with 403 and changes nothing")
    void refusesPostsWithoutCsrfToken() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        WebClient other = TestCitizens.signedIn(port, account, sessions);
        String ref = SecurityPages.first(SecurityPages.SESSION_REF, me.get("/security").body());

        assertThat(me.postForm("/security/sign-in-alerts", Map.of("enabled", "false")).statusCode()).isEqualTo(403);
        assertThat(me.postForm("/security/sessions/end", Map.of("session", ref)).statusCode()).isEqualTo(403);
        assertThat(me.postForm("/security/sessions/end-others", Map.of()).statusCode()).isEqualTo(403);
        assertThat(me.postForm("/security/password", Map.of("currentPassword", TestCitizens.PASSWORD,
                "newPassword", "Kvitok-Zima-Lampa-58!", "repeatPassword", "Kvitok-Zima-Lampa-58!")).statusCode()).isEqualTo(403);
        assertThat(me.postForm("/security/two-step/sms/code", Map.of()).statusCode()).isEqualTo(403);

        assertThat(accounts.byId(account.id()).orElseThrow().signInAlerts()).isTrue();
        assertThat(other.get("/security").statusCode()).isEqualTo(200);
        assertThat(passwords.matches(TestCitizens.PASSWORD, accounts.byId(account.id()).orElseThrow().passwordHash())).isTrue();
    }

    @Test
    @DisplayName("ACC-6: the settings are for signed-in citizens; anyone else is sent to /login")
    void needsSignIn() {
        HttpResponse<String> anonymous = new WebClient(port).get("/security");

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    private static String sessionIdOf(WebClient client) {
        String cookie = client.cookie("GOSPOCHTA_SESSION").orElseThrow();
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }
}
