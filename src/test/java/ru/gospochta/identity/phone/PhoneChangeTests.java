package ru.gospochta.identity.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.phone.PhonePages.BASE;
import static ru.gospochta.identity.phone.PhonePages.location;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

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

import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.BackupCodes;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;

/** Moving the account to another phone from «Контактные данные», over real HTTP (CNT-5, ACC-7). */
@IdentityTest
class PhoneChangeTests {

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired MutableClock clock;
    @Autowired SecretSeal seal;
    @Autowired Totp totp;
    @Autowired BackupCodes backupCodes;
    @Autowired BackupCodeStore backupStore;
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

    String phoneNow() {
        return accounts.byId(citizen.id()).orElseThrow().phone();
    }

    HttpResponse<String> signIn(String identifier) {
        WebClient client = new WebClient(port);
        String page = client.get("/login").body();
        return client.postForm("/login", Map.of("identifier", identifier, "password", TestCitizens.PASSWORD,
                "_csrf", WebClient.csrfToken(page)));
    }

    @Test
    @DisplayName("CNT-5: password and a code to the old phone, then a code to the new one, move the account; the old phone is told, other sessions stay")
    void changesThroughTheOldPhone() {
        String old = citizen.phone();
        String fresh = TestCitizens.newPhone();
        WebClient otherDevice = TestCitizens.signedIn(port, citizen, sessions);
        assertThat(browser.get("/cabinet/contacts").body()).contains("id=\"change-phone\"", "Изменить номер");
        assertThat(location(browser.get(BASE + "change/number"))).as("no number form before the re-check")
                .endsWith(BASE + "change");

        assertThat(browser.get(BASE + "change").body()).contains("отправленного на ваш текущий номер " + new PhoneNumber(old).masked(),
                "Нет доступа к старому номеру");
        assertThat(TestCitizens.signedIn(port, citizen, sessions).get(BASE + "change?lang=en").body())
                .contains("First confirm it is you", "I cannot use the old number");

        PhonePages.rechecked(browser, db, citizen, "change");
        assertThat(location(PhonePages.chooseNumber(browser, "change", fresh))).endsWith(BASE + "change/confirm");
        String sms = Limits.lastSms(db, fresh);
        assertThat(sms).contains("смены номера телефона");
        String confirmPage = browser.get(BASE + "change/confirm").body();
        assertThat(confirmPage).contains(new PhoneNumber(fresh).masked(), "data-countdown=\"60\"", "Отправить код ещё раз")
                .doesNotContain(fresh);
        assertThat(phoneNow()).as("the old number stays until the new one is confirmed").isEqualTo(old);

        HttpResponse<String> done = PhonePages.enterCode(browser, "change", Limits.lastCode(db, fresh));

        assertThat(location(done)).endsWith("/cabinet/contacts");
        assertThat(phoneNow()).isEqualTo(fresh);
        assertThat(browser.get("/cabinet/contacts").body()).contains("Номер телефона изменён", new PhoneNumber(fresh).masked());
        assertThat(Limits.lastSms(db, old)).contains("изменён на " + new PhoneNumber(fresh).masked());
        assertThat(otherDevice.get("/cabinet").statusCode()).as("other sessions stay").isEqualTo(200);
        assertThat(PhonePages.audited(db, citizen)).containsExactly("identity.phone-change SUCCESS");
        assertThat(PhonePages.auditDetails(db, citizen)).contains("\"confirmedWith\":\"SMS\"")
                .doesNotContain(old, fresh, TestCitizens.PASSWORD);
        assertThat(location(browser.get(BASE + "change/confirm"))).as("the change is over").endsWith(BASE + "change");
    }

    @Test
    @DisplayName("CNT-5, ACC-3: after the change the citizen signs in with the new number, and the old one signs in no more")
    void signsInWithTheNewNumber() {
        String old = citizen.phone();
        String fresh = TestCitizens.newPhone();
        PhonePages.change(browser, db, citizen, "change", fresh);

        Limits.reset(db);
        HttpResponse<String> withNew = signIn(fresh);
        assertThat(location(withNew)).endsWith("/login/second-factor");
        assertThat(Limits.lastSms(db, fresh)).contains("код для входа");
        assertThat(signIn(old).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("CNT-5: with the old phone out of reach, the password and a TOTP code stand in for its code; the old phone still gets the notice")
    void changesWithTotpWhenOldPhoneIsLost() {
        TotpSecret secret = Totp.newSecret();
        accounts.setTotp(citizen.id(), seal.seal(citizen.id(), secret.bytes()), 0);
        accounts.setTwoStep(citizen.id(), true, Account.SecondFactorMethod.TOTP);
        String old = citizen.phone();
        String fresh = TestCitizens.newPhone();

        String page = browser.get(BASE + "change/no-access").body();
        assertThat(page).contains("Код из приложения или резервный код").doesNotContain("id=\"support-link\"");
        HttpResponse<String> wrong = PhonePages.submit(browser, BASE + "change/no-access", BASE + "change/no-access",
                Map.of("password", TestCitizens.PASSWORD, "code", notAccepted(secret)));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Неверный код");
        HttpResponse<String> rechecked = PhonePages.submit(browser, BASE + "change/no-access", BASE + "change/no-access",
                Map.of("password", TestCitizens.PASSWORD, "code", totp.codeAt(secret, clock.instant())));
        assertThat(location(rechecked)).endsWith(BASE + "change/number");
        assertThat(Limits.smsCount(db, old)).as("nothing was sent to the lost phone").isZero();

        PhonePages.chooseNumber(browser, "change", fresh);
        assertThat(location(PhonePages.enterCode(browser, "change", Limits.lastCode(db, fresh)))).endsWith("/cabinet/contacts");

        assertThat(phoneNow()).isEqualTo(fresh);
        assertThat(Limits.lastSms(db, old)).contains("изменён на");
        assertThat(PhonePages.auditDetails(db, citizen)).contains("\"confirmedWith\":\"TOTP\"");
    }

    /** Six digits that no step the server accepts now would show. */
    String notAccepted(TotpSecret secret) {
        java.util.List<String> accepted = new java.util.ArrayList<>();
        for (int step = -2; step <= 2; step++) {
            accepted.add(totp.codeAt(secret, clock.instant().plus(Totp.STEP.multipliedBy(step))));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate * 7919 % 1_000_000);
            if (!accepted.contains(code)) {
                return code;
            }
        }
    }

    @Test
    @DisplayName("CNT-5: a backup code stands in for the old phone's code once, and never again")
    void changesWithBackupCode() {
        BackupCodes.Issued issued = backupCodes.issue();
        backupStore.replace(citizen.id(), issued.hashes());
        String code = issued.displayed().get(2);

        assertThat(browser.get(BASE + "change/no-access").body()).contains("Резервный код");
        HttpResponse<String> first = PhonePages.submit(browser, BASE + "change/no-access", BASE + "change/no-access",
                Map.of("password", TestCitizens.PASSWORD, "code", code));
        assertThat(location(first)).endsWith(BASE + "change/number");
        HttpResponse<String> again = PhonePages.submit(browser, BASE + "change/no-access", BASE + "change/no-access",
                Map.of("password", TestCitizens.PASSWORD, "code", code));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("Неверный код");
    }

    @Test
    @DisplayName("CNT-5, CNT-7: with neither a TOTP app nor backup codes, the page points to support with a document scan and changes nothing")
    void withoutAnyFactorPointsToSupport() {
        String page = browser.get(BASE + "change/no-access").body();

        assertThat(page).contains("id=\"support-link\"", "href=\"/recover/support\"", "скан документа")
                .doesNotContain("name=\"code\"");
        HttpResponse<String> forced = browser.postForm(BASE + "change/no-access",
                Map.of("password", TestCitizens.PASSWORD, "code", "123456",
                        "_csrf", WebClient.csrfToken(browser.get(BASE + "change").body())));
        assertThat(location(forced)).endsWith(BASE + "change/no-access");
        assertThat(location(browser.get(BASE + "change/number"))).endsWith(BASE + "change");
        assertThat(phoneNow()).isEqualTo(citizen.phone());
    }

    @Test
    @DisplayName("CNT-5, ACC-7: a wrong password is refused and counted; the fifth makes the account wait, told in plain words")
    void wrongPasswordIsRefusedAndCounted() {
        String code = PhonePages.recheckCode(browser, db, citizen, "change");

        HttpResponse<String> wrong = PhonePages.recheck(browser, "change", "Wrong-Pass-2024!", code);
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Неверный пароль.");
        assertThat(location(browser.get(BASE + "change/number"))).endsWith(BASE + "change");
        for (int i = 0; i < 3; i++) {
            PhonePages.recheck(browser, "change", "Wrong-Pass-" + i + "!", code);
        }
        HttpResponse<String> fifth = PhonePages.recheck(browser, "change", "Wrong-Pass-5!", code);
        HttpResponse<String> right = PhonePages.recheck(browser, "change", TestCitizens.PASSWORD, code);

        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("Слишком много неверных попыток. Повторите через 15 минут.");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(phoneNow()).isEqualTo(citizen.phone());
        assertThat(PhonePages.audited(db, citizen)).hasSize(6).allMatch(line -> line.equals("identity.phone-change FAILURE"));
    }

    @Test
    @DisplayName("CNT-5: a wrong code for the new number says how many tries are left; the fifth wrong one makes the account wait; nothing changes")
    void wrongNewNumberCode() {
        String fresh = TestCitizens.newPhone();
        PhonePages.rechecked(browser, db, citizen, "change");
        PhonePages.chooseNumber(browser, "change", fresh);
        String wrong = PhonePages.wrong(Limits.lastCode(db, fresh));

        HttpResponse<String> first = PhonePages.enterCode(browser, "change", wrong);
        assertThat(first.statusCode()).isEqualTo(422);
        assertThat(first.body()).contains("Неверный код. Осталось попыток: 4.");
        for (int i = 0; i < 3; i++) {
            PhonePages.enterCode(browser, "change", wrong);
        }
        HttpResponse<String> fifth = PhonePages.enterCode(browser, "change", wrong);

        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("Слишком много неверных попыток");
        assertThat(phoneNow()).isEqualTo(citizen.phone());
    }

    @Test
    @DisplayName("CNT-5: a used-up and an expired code for the new number each get their own message; nothing changes")
    void exhaustedAndExpiredCodes() {
        String fresh = TestCitizens.newPhone();
        PhonePages.rechecked(browser, db, citizen, "change");
        PhonePages.chooseNumber(browser, "change", fresh);
        String code = Limits.lastCode(db, fresh);
        for (int i = 0; i < 4; i++) {
            PhonePages.enterCode(browser, "change", PhonePages.wrong(code));
        }
        // The account's own count forgiven, as a right answer in another tab would: what is left is the code's limit.
        db.sql("DELETE FROM identity.sign_in_throttles WHERE subject = :s").param("s", "account:" + citizen.id()).update();

        assertThat(PhonePages.enterCode(browser, "change", PhonePages.wrong(code)).body()).contains("Попытки ввода кода исчерпаны");
        HttpResponse<String> rightButLate = PhonePages.enterCode(browser, "change", code);
        assertThat(rightButLate.statusCode()).isEqualTo(422);
        assertThat(rightButLate.body()).contains("Попытки ввода кода исчерпаны");

        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> resent = PhonePages.submit(browser, BASE + "change/confirm", BASE + "change/resend", Map.of());
        assertThat(location(resent)).endsWith(BASE + "change/confirm");
        assertThat(browser.get(BASE + "change/confirm").body()).contains("Мы отправили новый код");
        String second = Limits.lastCode(db, fresh);
        clock.advance(Duration.ofMinutes(6));
        assertThat(PhonePages.enterCode(browser, "change", second).body()).contains("Срок действия кода истёк");
        assertThat(phoneNow()).isEqualTo(citizen.phone());
    }

    @Test
    @DisplayName("CNT-5: «Отправить код ещё раз» before the interval is refused with the wait; the re-check runs out after 15 minutes")
    void resendWaitsAndTheChangeRunsOut() {
        String fresh = TestCitizens.newPhone();
        PhonePages.rechecked(browser, db, citizen, "change");
        PhonePages.chooseNumber(browser, "change", fresh);

        PhonePages.submit(browser, BASE + "change/confirm", BASE + "change/resend", Map.of());
        assertThat(browser.get(BASE + "change/confirm").body()).contains("Новое SMS на этот номер можно будет отправить через");
        assertThat(Limits.smsCount(db, fresh)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(16));
        assertThat(location(browser.get(BASE + "change/confirm"))).endsWith(BASE + "change");
        assertThat(browser.get(BASE + "change").body()).contains("Время на смену номера истекло");
    }

    @Test
    @DisplayName("CNT-5: the current number, another account's number and a malformed one are refused each with its own message; no SMS goes out")
    void refusesUnusableNumbers() {
        Account other = TestCitizens.create(accounts, passwords);
        PhonePages.rechecked(browser, db, citizen, "change");
        String mine = citizen.phone();

        HttpResponse<String> same = PhonePages.chooseNumber(browser, "change",
                "8 (" + mine.substring(2, 5) + ") " + mine.substring(5, 8) + "-" + mine.substring(8, 10) + "-" + mine.substring(10));
        assertThat(same.statusCode()).isEqualTo(422);
        assertThat(same.body()).contains("Это ваш текущий номер");

        HttpResponse<String> taken = PhonePages.chooseNumber(browser, "change", other.phone());
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body()).contains("Этот номер нельзя использовать. Укажите другой номер.")
                .doesNotContain(other.surname()).doesNotContain("зарегистрирован");
        assertThat(Limits.smsCount(db, other.phone())).isZero();

        HttpResponse<String> malformed = PhonePages.chooseNumber(browser, "change", "12345");
        assertThat(malformed.statusCode()).isEqualTo(422);
        assertThat(malformed.body()).contains("Номер телефона указан неверно");

        assertThat(phoneNow()).isEqualTo(mine);
        assertThat(accounts.byId(other.id()).orElseThrow().phone()).isEqualTo(other.phone());
        assertThat(PhonePages.audited(db, citizen)).contains("identity.phone-change FAILURE");
    }

    @Test
    @DisplayName("CNT-5: a number another account takes while the code is on its way is refused at the end; nothing changes")
    void numberTakenMeanwhile() {
        String fresh = TestCitizens.newPhone();
        PhonePages.rechecked(browser, db, citizen, "change");
        PhonePages.chooseNumber(browser, "change", fresh);
        String code = Limits.lastCode(db, fresh);
        Account other = TestCitizens.create(accounts, passwords);
        assertThat(accounts.changePhone(other.id(), fresh)).isTrue();

        HttpResponse<String> late = PhonePages.enterCode(browser, "change", code);

        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(late.body()).contains("Этот номер нельзя использовать");
        assertThat(phoneNow()).isEqualTo(citizen.phone());
        assertThat(Limits.lastSms(db, citizen.phone())).doesNotContain("изменён");
    }
}
