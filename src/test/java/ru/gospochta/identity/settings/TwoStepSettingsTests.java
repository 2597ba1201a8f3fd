package ru.gospochta.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
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
import ru.gospochta.identity.internal.account.Account.SecondFactorMethod;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.factors.Totp;

/** «Двухэтапная проверка» on, off and its backup codes, over real HTTP (ACC-3, ACC-6, ACC-7). */
@IntegrationTest
class TwoStepSettingsTests {

    static final String PASSWORD = TestCitizens.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Autowired
    Totp totp;

    @Autowired
    JdbcClient db;

    @Test
    @DisplayName("ACC-3, ACC-6: a TOTP app is enrolled by QR code and key, confirmed by its code, and ten backup codes are shown once")
    void enrolsTotpApp() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);

        String page = me.get("/security/two-step/totp").body();
        assertThat(page).contains("data:image/svg+xml;base64,", "Google Authenticator");
        assertThat(me.get("/security/two-step/totp").body()).as("a reload keeps the key already scanned")
                .contains(SecurityPages.first(SecurityPages.TOTP_KEY, page));

        SecurityPages.Enrolled enrolled = SecurityPages.enrolTotp(me, totp, PASSWORD);

        assertThat(enrolled.backupCodes()).hasSize(10).doesNotHaveDuplicates();
        Account after = accounts.byId(account.id()).orElseThrow();
        assertThat(after.twoStepEnabled()).isTrue();
        assertThat(after.twoStepMethod()).isEqualTo(SecondFactorMethod.TOTP);
        assertThat(after.hasTotp()).isTrue();
        assertThat(after.totpLastStep()).isBetween(Totp.stepAt(Instant.now()) - 2, Totp.stepAt(Instant.now()));
        assertThat(SecurityPages.backupCodeRows(db, account)).isEqualTo(10);
        String overview = me.get("/security").body();
        assertThat(overview).contains("Включена", "Приложение-генератор кодов");
        assertThat(SecurityPages.audited(db, account)).containsExactly("identity.two-step-on SUCCESS");
    }

    @Test
    @DisplayName("ACC-3: the code that confirmed the enrolment cannot be used again to turn two-step off")
    void enrolmentCodeCannotBeReplayed() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        SecurityPages.Enrolled enrolled = SecurityPages.enrolTotp(me, totp, PASSWORD);

        HttpResponse<String> replay = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off",
                Map.of("password", PASSWORD, "code", enrolled.code()));

        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(replay.body()).contains("Неверный код");
        assertThat(accounts.byId(account.id()).orElseThrow().twoStepEnabled()).isTrue();
    }

    @Test
    @DisplayName("ACC-6: turning two-step off needs both the password and a current code; each missing or wrong is refused")
    void turningOffNeedsPasswordAndFactor() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        SecurityPages.Enrolled enrolled = SecurityPages.enrolTotp(me, totp, PASSWORD);
        String good = SecurityPages.nextCode(totp, enrolled.secret());

        assertRefused(me, Map.of("password", "", "code", good), "Неверный пароль.");
        assertRefused(me, Map.of("password", "Wrong-Pass-2024!", "code", good), "Неверный пароль.");
        assertRefused(me, Map.of("password", PASSWORD, "code", ""), "Неверный код");
        assertRefused(me, Map.of("password", PASSWORD, "code", SecurityPages.wrongCode(totp, enrolled.secret())),
                "Неверный код");
        assertThat(SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off", Map.of("code", good))
                .statusCode()).as("no password field at all").isEqualTo(400);

        HttpResponse<String> off = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off",
                Map.of("password", PASSWORD, "code", good));

        assertThat(off.statusCode()).isEqualTo(302);
        Account after = accounts.byId(account.id()).orElseThrow();
        assertThat(after.twoStepEnabled()).isFalse();
        assertThat(after.hasTotp()).as("the key of an app no longer used goes").isFalse();
        assertThat(SecurityPages.backupCodeRows(db, account)).isZero();
        assertThat(me.get("/security").body()).contains("Двухэтапная проверка отключена.", "Выключена");
        assertThat(SecurityPages.audited(db, account)).endsWith("identity.two-step-off FAILURE",
                "identity.two-step-off SUCCESS");
    }

    @Test
    @DisplayName("ACC-7: after five wrong answers the account waits, the page says for how long, and even right answers wait")
    void wrongAnswersMakeTheAccountWait() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        SecurityPages.Enrolled enrolled = SecurityPages.enrolTotp(me, totp, PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertRefused(me, Map.of("password", "Wrong-Pass-" + i + "!", "code", "123456"), "Неверный пароль.");
        }

        HttpResponse<String> fifth = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off",
                Map.of("password", "Wrong-Pass-5!", "code", "123456"));
        HttpResponse<String> right = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off",
                Map.of("password", PASSWORD, "code", SecurityPages.nextCode(totp, enrolled.secret())));

        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("Слишком много неверных попыток. Повторите через 15 минут.");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.body()).contains("Повторите через 15 минут.");
        assertThat(accounts.byId(account.id()).orElseThrow().twoStepEnabled()).isTrue();
    }

    @Test
    @DisplayName("ACC-6: new backup codes need the password; the old set stops working and the new one turns two-step off")
    void regeneratesBackupCodes() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        SecurityPages.Enrolled enrolled = SecurityPages.enrolTotp(me, totp, PASSWORD);

        HttpResponse<String> wrong = SecurityPages.submit(me, "/security/backup-codes", "/security/backup-codes",
                Map.of("password", "Wrong-Pass-2024!"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(SecurityPages.all(SecurityPages.BACKUP_CODE, wrong.body())).isEmpty();

        HttpResponse<String> fresh = SecurityPages.submit(me, "/security/backup-codes", "/security/backup-codes",
                Map.of("password", PASSWORD));
        assertThat(fresh.statusCode()).isEqualTo(200);
        var newCodes = SecurityPages.all(SecurityPages.BACKUP_CODE, fresh.body());
        assertThat(newCodes).hasSize(10).doesNotContainAnyElementsOf(enrolled.backupCodes());
        assertThat(fresh.body()).contains("Прежние больше не действуют", "Коды показываются только один раз");

        assertRefused(me, Map.of("password", PASSWORD, "code", enrolled.backupCodes().getFirst()), "Неверный код");
        HttpResponse<String> off = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off",
                Map.of("password", PASSWORD, "code", newCodes.get(3).toUpperCase().replace("-", " ")));

        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(accounts.byId(account.id()).orElseThrow().twoStepEnabled()).isFalse();
        assertThat(SecurityPages.audited(db, account)).contains("identity.backup-codes FAILURE",
                "identity.backup-codes SUCCESS");
    }

    @Test
    @DisplayName("ACC-3, ACC-6: SMS as the method is confirmed by a code sent to the account's phone, and turned off by one")
    void turnsOnAndOffWithSms() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        long before = SecurityPages.lastSmsId(db);

        HttpResponse<String> sent = SecurityPages.submit(me, "/security/two-step/sms", "/security/two-step/sms/code", Map.of());
        assertThat(sent.statusCode()).isEqualTo(302);
        String page = me.get("/security/two-step/sms").body();
        assertThat(page).contains("Код отправлен на номер +7 916 ***-**-");
        String code = SecurityPages.smsCode(db, account.phone(), before);

        HttpResponse<String> tooSoon = SecurityPages.submit(me, "/security/two-step/sms", "/security/two-step/sms/code", Map.of());
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(tooSoon.body()).containsPattern("Новый код можно будет получить через ([0-9]+ секунд|1 минуту)");

        HttpResponse<String> confirmed = me.postForm("/security/two-step/sms",
                Map.of("code", code, "password", PASSWORD, "_csrf", WebClient.csrfToken(page)));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(SecurityPages.all(SecurityPages.BACKUP_CODE, confirmed.body())).hasSize(10);
        Account on = accounts.byId(account.id()).orElseThrow();
        assertThat(on.twoStepEnabled()).isTrue();
        assertThat(on.twoStepMethod()).isEqualTo(SecondFactorMethod.SMS);

        // A minute passes for the phone's SMS limit.
        db.sql("UPDATE identity.sms_sent SET sent_at = sent_at - interval '2 minutes' WHERE phone = :phone")
                .param("phone", account.phone()).update();
        long beforeOff = SecurityPages.lastSmsId(db);
        SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off/code", Map.of());
        String offCode = SecurityPages.smsCode(db, account.phone(), beforeOff);
        assertRefused(me, Map.of("password", PASSWORD, "code", code), "Неверный код");

        HttpResponse<String> off = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off",
                Map.of("password", PASSWORD, "code", offCode));

        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(accounts.byId(account.id()).orElseThrow().twoStepEnabled()).isFalse();
    }

    @Test
    @DisplayName("ACC-6: no settings page shows the password, the TOTP key after enrolment, a backup code after display or a hash")
    void pagesKeepSecretsOut() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient me = TestCitizens.signedIn(port, account, sessions);
        SecurityPages.Enrolled enrolled = SecurityPages.enrolTotp(me, totp, PASSWORD);
        assertRefused(me, Map.of("password", PASSWORD, "code", SecurityPages.wrongCode(totp, enrolled.secret())),
                "Неверный код");
        Account stored = accounts.byId(account.id()).orElseThrow();

        for (String path : new String[] {"/security", "/security/two-step/off", "/security/backup-codes",
                "/security/two-step/sms", "/security/password"}) {
            String body = me.get(path).body();
            assertThat(body).as(path)
                    .doesNotContain(PASSWORD, enrolled.key(), enrolled.key().replace(" ", ""), stored.passwordHash())
                    .doesNotContainIgnoringCase("argon2")
                    .doesNotContain("$");
            assertThat(enrolled.backupCodes()).as(path).noneMatch(body::contains);
        }
        assertThat(SecurityPages.auditDetails(db, account))
                .doesNotContain(PASSWORD, enrolled.code(), enrolled.key().replace(" ", ""))
                .doesNotContain(enrolled.backupCodes().getFirst());
    }

    private static void assertRefused(WebClient me, Map<String, String> fields, String says) {
        HttpResponse<String> refused = SecurityPages.submit(me, "/security/two-step/off", "/security/two-step/off", fields);
        assertThat(refused.statusCode()).as(fields.keySet().toString()).isEqualTo(422);
        assertThat(refused.body()).contains(says);
    }
}
