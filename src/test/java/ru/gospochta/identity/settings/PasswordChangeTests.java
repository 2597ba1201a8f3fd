package ru.gospochta.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

/** «Смена пароля» at /security/password, over real HTTP (ACC-4, ACC-5). */
@IntegrationTest
class PasswordChangeTests {

    static final String NEW_PASSWORD = "Kvitok-Zima-Lampa-58!";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Autowired
    JdbcClient db;

    @Test
    @DisplayName("ACC-5: a new password ends every other session, keeps this one and forgets remembered devices")
    void changesPasswordAndEndsOtherSessions() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        WebClient other = TestCitizens.signedIn(port, account, sessions);

        HttpResponse<String> changed = change(me, TestCitizens.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

        assertThat(changed.statusCode()).isEqualTo(302);
        Account after = accounts.byId(account.id()).orElseThrow();
        assertThat(passwords.matches(NEW_PASSWORD, after.passwordHash())).isTrue();
        assertThat(after.passwordVersion()).isEqualTo(account.passwordVersion() + 1);
        HttpResponse<String> otherNext = other.get("/security");
        assertThat(otherNext.statusCode()).isEqualTo(302);
        assertThat(otherNext.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        HttpResponse<String> mine = me.get("/security");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("Пароль изменён. Другие сеансы завершены: 1.").doesNotContain(NEW_PASSWORD);
        assertThat(SecurityPages.audited(db, account)).containsExactly("identity.password-change SUCCESS");
        assertThat(SecurityPages.auditDetails(db, account)).doesNotContain(NEW_PASSWORD, TestCitizens.PASSWORD);
    }

    @Test
    @DisplayName("ACC-4: a weak new password is refused with every rule it breaks named, and nothing changes")
    void refusesWeakPassword() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);

        HttpResponse<String> refused = change(me, TestCitizens.PASSWORD, "ivanova1234", "ivanova1234");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains(
                "Добавьте в пароль заглавную букву",
                "Добавьте в пароль специальный символ",
                "Уберите из пароля последовательность вроде «1234»",
                "Пароль не должен содержать ваши фамилию, имя или отчество");
        assertThat(refused.body()).doesNotContain("ivanova1234", TestCitizens.PASSWORD);
        assertUnchanged(account);
    }

    @Test
    @DisplayName("ACC-5: a wrong current password is refused and nothing changes")
    void refusesWrongCurrentPassword() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        WebClient other = TestCitizens.signedIn(port, account, sessions);

        HttpResponse<String> refused = change(me, "Not-My-Pass-2024!", NEW_PASSWORD, NEW_PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Неверный пароль.").doesNotContain("Not-My-Pass-2024!", NEW_PASSWORD);
        assertUnchanged(account);
        assertThat(other.get("/security").statusCode()).isEqualTo(200);
        assertThat(SecurityPages.audited(db, account)).containsExactly("identity.password-change FAILURE");
    }

    @Test
    @DisplayName("ACC-5: the new password typed twice must match, and must differ from the current one")
    void refusesMismatchAndSamePassword() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);

        assertThat(change(me, TestCitizens.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x").body())
                .contains("Новый пароль и его повтор не совпадают.");
        assertThat(change(me, TestCitizens.PASSWORD, TestCitizens.PASSWORD, TestCitizens.PASSWORD).body())
                .contains("Новый пароль совпадает с текущим.");
        assertUnchanged(account);
    }

    @Test
    @DisplayName("ACC-4, UI-1: the strength meter follows the typing: score, hint and the advice of 12+ characters")
    void measuresStrengthAsYouType() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        String form = me.get("/security/password").body();
        assertThat(form).contains("hx-post=\"/security/password/strength\"", "id=\"password-strength\"",
                "/js/security-settings", "/css/security-settings");

        HttpResponse<String> weak = me.postForm("/security/password/strength",
                Map.of("newPassword", "Mariya1990", "_csrf", WebClient.csrfToken(form)));
        HttpResponse<String> strong = me.postForm("/security/password/strength",
                Map.of("newPassword", NEW_PASSWORD + "-Otvar-Kompot", "_csrf", WebClient.csrfToken(form)));

        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).contains("Надёжность пароля", "<meter", "Рекомендуем пароль из 12 символов и длиннее")
                .doesNotContain("Mariya1990").doesNotContain("<html");
        assertThat(strong.body()).contains("очень надёжный", "value=\"4\"").doesNotContain("Рекомендуем пароль из 12")
                .doesNotContain(NEW_PASSWORD);
    }

    private HttpResponse<String> change(WebClient me, String current, String fresh, String repeated) {
        return SecurityPages.submit(me, "/security/password", "/security/password",
                Map.of("currentPassword", current, "newPassword", fresh, "repeatPassword", repeated));
    }

    private void assertUnchanged(Account account) {
        Account after = accounts.byId(account.id()).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo(account.passwordHash());
        assertThat(after.passwordVersion()).isEqualTo(account.passwordVersion());
    }
}
