package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.AuditSealed;
import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.BackupCodes;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;

@IdentityTest
class SignInTests {

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired MutableClock clock;
    @Autowired SecretSeal seal;
    @Autowired Totp totp;
    @Autowired BackupCodes backupCodes;
    @Autowired BackupCodeStore backupStore;
    @LocalServerPort int port;

    Account citizen;
    WebClient browser;

    @BeforeEach
    void fresh() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        browser = new WebClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    HttpResponse<String> signIn(WebClient client, String identifier, String password) {
        String page = client.get("/login").body();
        return client.postForm("/login", Map.of("identifier", identifier, "password", password, "_csrf", WebClient.csrfToken(page)));
    }

    HttpResponse<String> secondFactor(WebClient client, String method, String code, boolean remember) {
        String page = client.get("/login/second-factor").body();
        return client.postForm("/login/second-factor", Map.of("method", method, "code", code,
                "remember", Boolean.toString(remember), "_csrf", WebClient.csrfToken(page)));
    }

    @Test
    @DisplayName("ACC-3: phone and password on a new device, then the SMS code, open the cabinet with a new session id")
    void signsInWithSmsOnNewDevice() {
        browser.get("/login");
        String before = browser.cookie("GOSPOCHTA_SESSION").orElseThrow();

        HttpResponse<String> password = signIn(browser, "8 (916) " + citizen.phone().substring(5, 8) + "-"
                + citizen.phone().substring(8, 10) + "-" + citizen.phone().substring(10), TestCitizens.PASSWORD);
        assertThat(password.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        assertThat(browser.get("/cabinet").statusCode()).isEqualTo(302);

        HttpResponse<String> done = secondFactor(browser, "SMS", Limits.lastCode(db, citizen.phone()), false);

        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet"));
        assertThat(browser.cookie("GOSPOCHTA_SESSION")).isPresent().isNotEqualTo(java.util.Optional.of(before));
        assertThat(browser.get("/cabinet").body()).contains("Мария");
        assertThat(Limits.lastSms(db, citizen.phone())).contains("вход в личный кабинет с нового устройства");
    }

    @Test
    @DisplayName("ACC-3: SNILS in any usual spelling is an identifier")
    void signsInWithSnils() {
        String snils = citizen.snils();
        String spelled = snils.substring(0, 3) + "-" + snils.substring(3, 6) + "-" + snils.substring(6, 9) + " " + snils.substring(9);
        assertThat(signIn(browser, spelled, TestCitizens.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
    }

    @Test
    @DisplayName("ACC-7: an unknown identifier and a wrong password get the same answer")
    void sameAnswerForUnknownAndWrong() {
        HttpResponse<String> wrong = signIn(browser, citizen.phone(), "Wrong-Password-1!");
        HttpResponse<String> unknown = signIn(new WebClient(port), TestCitizens.newPhone(), "Wrong-Password-1!");

        assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
        assertThat(withoutVolatile(wrong.body(), citizen.phone())).isEqualTo(withoutVolatile(unknown.body(), null));
        assertThat(wrong.body()).contains("Неверный телефон, СНИЛС или пароль").doesNotContain("Wrong-Password-1!");
    }

    private static String withoutVolatile(String page, String phone) {
        return page.replaceAll("content=\"[^\"]{40,}\"", "").replaceAll("value=\"[^\"]*\"", "");
    }

    @Test
    @DisplayName("ACC-7: five wrong passwords make the identifier wait 15 minutes, the next five 60 minutes, told in plain words")
    void lockoutGrows() {
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(browser, citizen.phone(), "Wrong-Password-1!").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = signIn(browser, citizen.phone(), "Wrong-Password-1!");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("Повторите вход через 15 мин");
        assertThat(signIn(browser, citizen.phone(), TestCitizens.PASSWORD).statusCode()).as("even the right password waits").isEqualTo(429);

        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            signIn(browser, citizen.phone(), "Wrong-Password-1!");
        }
        assertThat(signIn(browser, citizen.phone(), "Wrong-Password-1!").body()).contains("Повторите вход через 60 мин");
        clock.advance(Duration.ofMinutes(61));
        assertThat(signIn(browser, citizen.phone(), TestCitizens.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("ACC-3: «Запомнить это устройство» skips the second factor for 30 days, until the password changes")
    void remembersDevice() {
        signIn(browser, citizen.phone(), TestCitizens.PASSWORD);
        secondFactor(browser, "SMS", Limits.lastCode(db, citizen.phone()), true);
        String device = browser.cookie("GOSPOCHTA_DEVICE").orElseThrow();

        WebClient sameDevice = new WebClient(port).withCookie("GOSPOCHTA_DEVICE", device);
        sameDevice.get("/login");
        assertThat(signIn(sameDevice, citizen.phone(), TestCitizens.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet"));

        accounts.changePassword(citizen.id(), passwords.encode(TestCitizens.PASSWORD), Instant.now());
        Limits.reset(db);
        WebClient afterChange = new WebClient(port).withCookie("GOSPOCHTA_DEVICE", device);
        assertThat(signIn(afterChange, citizen.phone(), TestCitizens.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
    }

    @Test
    @DisplayName("ACC-3: with two-step verification by TOTP the app code is asked even on a remembered device, and a used code is refused")
    void totpTwoStep() {
        TotpSecret secret = Totp.newSecret();
        accounts.setTotp(citizen.id(), seal.seal(citizen.id(), secret.bytes()), 0);
        accounts.setTwoStep(citizen.id(), true, Account.SecondFactorMethod.TOTP);

        signIn(browser, citizen.phone(), TestCitizens.PASSWORD);
        assertThat(browser.get("/login/second-factor").body()).contains("приложения-аутентификатора");
        String code = totp.codeAt(secret, clock.instant());
        assertThat(secondFactor(browser, "TOTP", code, false).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet"));

        WebClient replay = new WebClient(port);
        signIn(replay, citizen.phone(), TestCitizens.PASSWORD);
        assertThat(secondFactor(replay, "TOTP", code, false).statusCode()).isEqualTo(422);
    }

    @Test
    @DisplayName("ACC-3: a backup code signs in once and never again")
    void backupCodeOnce() {
        BackupCodes.Issued issued = backupCodes.issue();
        backupStore.replace(citizen.id(), issued.hashes());
        String code = issued.displayed().get(3);

        signIn(browser, citizen.phone(), TestCitizens.PASSWORD);
        assertThat(browser.get("/login/second-factor").body()).contains("Войти с резервным кодом");
        assertThat(secondFactor(browser, "BACKUP_CODE", code, false).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet"));

        Limits.reset(db);
        WebClient again = new WebClient(port);
        signIn(again, citizen.phone(), TestCitizens.PASSWORD);
        assertThat(secondFactor(again, "BACKUP_CODE", code, false).statusCode()).isEqualTo(422);
        assertThat(backupStore.unused(citizen.id())).hasSize(9);
    }

    @Test
    @DisplayName("ACC-7: five wrong second-factor codes make the account wait")
    void wrongCodesWait() {
        signIn(browser, citizen.phone(), TestCitizens.PASSWORD);
        String right = Limits.lastCode(db, citizen.phone());
        String wrong = right.equals("111111") ? "222222" : "111111";
        for (int i = 0; i < 4; i++) {
            assertThat(secondFactor(browser, "SMS", wrong, false).statusCode()).isEqualTo(422);
        }
        HttpResponse<String> locked = secondFactor(browser, "SMS", wrong, false);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("Повторите вход через 15 мин");
    }

    @Test
    @DisplayName("ACC-2: an account whose phone is not confirmed is sent to confirm it")
    void registeredAccountConfirmsPhoneFirst() {
        Account unconfirmed = TestCitizens.create(accounts, passwords);
        db.sql("UPDATE identity.accounts SET state = 'REGISTERED' WHERE id = :id").param("id", unconfirmed.id()).update();

        assertThat(signIn(browser, unconfirmed.phone(), TestCitizens.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/register/confirm?unconfirmed"));
    }

    @Test
    @DisplayName("ACC-6: sign-in attempts are journalled with time, address, device and result")
    void journalsAttempts() {
        signIn(browser, citizen.phone(), "Wrong-Password-1!");
        signIn(browser, citizen.phone(), TestCitizens.PASSWORD);
        secondFactor(browser, "SMS", Limits.lastCode(db, citizen.phone()), false);

        List<String> results = db.sql("SELECT result FROM identity.sign_in_journal WHERE account_id = :id ORDER BY id")
                .param("id", citizen.id()).query(String.class).list();
        assertThat(results).containsExactly("WRONG_PASSWORD", "SUCCESS");
    }

    @Test
    @DisplayName("SEC-3: signing in without a CSRF token is refused; sign-out ends the server session")
    void csrfAndSignOut() {
        browser.get("/login");
        assertThat(browser.postForm("/login", Map.of("identifier", citizen.phone(), "password", TestCitizens.PASSWORD))
                .statusCode()).isEqualTo(403);

        signIn(browser, citizen.phone(), TestCitizens.PASSWORD);
        secondFactor(browser, "SMS", Limits.lastCode(db, citizen.phone()), false);
        String session = browser.cookie("GOSPOCHTA_SESSION").orElseThrow();
        String cabinet = browser.get("/cabinet").body();
        browser.postForm("/logout", Map.of("_csrf", WebClient.csrfToken(cabinet)));

        WebClient stolen = new WebClient(port).withCookie("GOSPOCHTA_SESSION", session);
        assertThat(stolen.get("/cabinet").statusCode()).isEqualTo(302);
        AuditSealed.await(db);
        assertThat(db.sql("SELECT action FROM audit.entries WHERE actor = :actor ORDER BY seq")
                .param("actor", "citizen:" + citizen.id()).query(String.class).list())
                .contains("identity.sign-in", "session.ended");
    }
}
