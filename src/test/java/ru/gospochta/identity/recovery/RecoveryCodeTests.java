package ru.gospochta.identity.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.recovery.RecoveryPages.ask;
import static ru.gospochta.identity.recovery.RecoveryPages.enterCode;
import static ru.gospochta.identity.recovery.RecoveryPages.lastCode;
import static ru.gospochta.identity.recovery.RecoveryPages.location;
import static ru.gospochta.identity.recovery.RecoveryPages.resend;
import static ru.gospochta.identity.recovery.RecoveryPages.smsTo;
import static ru.gospochta.identity.recovery.RecoveryPages.withoutCsrf;
import static ru.gospochta.identity.recovery.RecoveryPages.wrong;

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

import ru.gospochta.MutableClock;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.WebClient;
import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** «Забыли пароль?» up to the accepted code: who learns what, and how codes are sent, checked and limited. */
@IdentityTest
class RecoveryCodeTests {

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

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
    @DisplayName("ACC-5: a known and an unknown phone get byte-identical answers, and only the known one an SMS")
    void knownAndUnknownPhonesLookAlike() {
        Account known = TestCitizens.create(accounts, passwords);
        String unknown = RecoveryPages.unknownPhone();

        WebClient first = new WebClient(port);
        HttpResponse<String> knownAnswer = ask(first, "8 " + known.phone().substring(2));
        String knownPage = first.get("/recover/code").body();
        clock.advance(Duration.ofSeconds(61));
        WebClient second = new WebClient(port);
        HttpResponse<String> unknownAnswer = ask(second, unknown);
        String unknownPage = second.get("/recover/code").body();

        assertThat(unknownAnswer.statusCode()).isEqualTo(knownAnswer.statusCode()).isEqualTo(302);
        assertThat(location(unknownAnswer)).isEqualTo(location(knownAnswer)).endsWith("/recover/code");
        assertThat(withoutCsrf(unknownPage)).isEqualTo(withoutCsrf(knownPage));
        assertThat(knownPage).contains("Если такая учётная запись есть, мы отправили код на привязанный номер")
                .doesNotContain(new PhoneNumber(known.phone()).masked(), known.phone());
        assertThat(smsTo(db, known.phone())).singleElement().asString().contains("код для восстановления доступа");
        assertThat(smsTo(db, unknown)).isEmpty();
    }

    @Test
    @DisplayName("ACC-5: a SNILS of an account and one of a registered-only account look alike; the latter gets no SMS")
    void registeredAccountCountsAsUnknown() {
        Account active = TestCitizens.create(accounts, passwords);
        Account registered = TestCitizens.create(accounts, passwords);
        accounts.changeState(registered.id(), AccountState.ACTIVE, AccountState.REGISTERED, Instant.now());

        WebClient first = new WebClient(port);
        HttpResponse<String> activeAnswer = ask(first, new Snils(active.snils()).formatted());
        String activePage = first.get("/recover/code").body();
        clock.advance(Duration.ofSeconds(61));
        WebClient second = new WebClient(port);
        HttpResponse<String> registeredAnswer = ask(second, registered.snils());
        String registeredPage = second.get("/recover/code").body();

        assertThat(location(registeredAnswer)).isEqualTo(location(activeAnswer)).endsWith("/recover/code");
        assertThat(withoutCsrf(registeredPage)).isEqualTo(withoutCsrf(activePage));
        assertThat(smsTo(db, active.phone())).hasSize(1);
        assertThat(smsTo(db, registered.phone())).isEmpty();
    }

    @Test
    @DisplayName("ACC-5: the phone and the SNILS are understood in their usual spellings")
    void usualSpellings() {
        Account account = TestCitizens.create(accounts, passwords);
        String national = account.phone().substring(2);
        String snils = new Snils(account.snils()).formatted();
        String[] spellings = {
                "+7 (" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6, 8) + "-"
                        + national.substring(8),
                "8" + national, national, " " + snils + " ", snils.replace("-", " "), account.snils()};

        for (String spelling : spellings) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(location(ask(new WebClient(port), spelling))).as(spelling).endsWith("/recover/code");
        }

        assertThat(smsTo(db, account.phone())).hasSize(spellings.length);
    }

    @Test
    @DisplayName("ACC-5: text that is neither a phone, a SNILS nor an e-mail address is refused with a hint, and nothing is sent")
    void neitherPhoneNorSnils() {
        for (String typed : List.of("ivanova", "ivanova@example", "a@b@example.ru", "ivan ova@example.ru")) {
            HttpResponse<String> answer = ask(new WebClient(port), typed);
            assertThat(answer.statusCode()).as(typed).isEqualTo(200);
            assertThat(answer.body()).as(typed).contains("Это не номер мобильного телефона, не СНИЛС и не адрес электронной почты");
        }
    }

    @Test
    @DisplayName("ACC-5, ACC-7: a wrong code tells the tries left; the fifth uses the code up and the identifier must wait")
    void fiveWrongCodes() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient web = new WebClient(port);
        ask(web, account.phone());
        String code = lastCode(db, account.phone());

        for (int left = 4; left >= 1; left--) {
            HttpResponse<String> answer = enterCode(web, wrong(code));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("Неверный код, осталось попыток: " + left);
        }
        HttpResponse<String> fifth = enterCode(web, wrong(code));
        HttpResponse<String> rightTooLate = enterCode(web, code);

        assertThat(fifth.body()).contains("Слишком много неверных кодов. Повторить можно через 15 минут");
        assertThat(rightTooLate.statusCode()).isEqualTo(200);
        assertThat(rightTooLate.body()).contains("Слишком много неверных кодов");
        assertThat(location(web.get("/recover/password"))).endsWith("/recover/code");
        assertThat(db.sql("SELECT attempts FROM identity.one_time_codes WHERE target = :phone AND consumed_at IS NULL")
                .param("phone", account.phone()).query(Integer.class).single()).isEqualTo(5);
        assertThat(resend(web).body()).as("no new code while waiting").contains("Повторить можно через 15 минут");

        clock.advance(Duration.ofMinutes(16));
        assertThat(enterCode(web, code).body()).as("the old code after the wait").contains("Срок действия кода истёк");
        assertThat(location(resend(web))).endsWith("/recover/code");
        assertThat(location(enterCode(web, lastCode(db, account.phone())))).endsWith("/recover/password");
    }

    @Test
    @DisplayName("ACC-5, ACC-7: wrong codes for an unknown identifier are answered exactly like those for a known one")
    void unknownIdentifierCodesLookAlike() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient known = new WebClient(port);
        ask(known, account.snils());
        clock.advance(Duration.ofSeconds(61));
        WebClient unknown = new WebClient(port);
        ask(unknown, RecoveryPages.unknownSnils());
        clock.advance(Duration.ofSeconds(61));

        for (int attempt = 1; attempt <= 6; attempt++) {
            String knownPage = enterCode(known, "000000").body();
            String unknownPage = enterCode(unknown, "000000").body();
            assertThat(withoutCsrf(unknownPage)).as("attempt " + attempt).isEqualTo(withoutCsrf(knownPage));
        }
    }

    @Test
    @DisplayName("ACC-5: a code older than 5 minutes is refused and a new one can be asked for")
    void expiredCode() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient web = new WebClient(port);
        ask(web, account.phone());
        String code = lastCode(db, account.phone());

        clock.advance(Duration.ofMinutes(6));
        HttpResponse<String> late = enterCode(web, code);
        HttpResponse<String> again = resend(web);

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("Срок действия кода истёк. Запросите новый код");
        assertThat(location(again)).endsWith("/recover/code");
        assertThat(web.get("/recover/code").body()).contains("мы отправили новый код");
        assertThat(smsTo(db, account.phone())).hasSize(2);
        assertThat(location(enterCode(web, lastCode(db, account.phone())))).endsWith("/recover/password");
    }

    @Test
    @DisplayName("ACC-5, ACC-7: «Отправить код ещё раз» counts down 60 seconds, and the server refuses it earlier")
    void resendWaitsAMinute() {
        Account account = TestCitizens.create(accounts, passwords);
        WebClient web = new WebClient(port);
        ask(web, account.phone());
        String first = lastCode(db, account.phone());

        assertThat(web.get("/recover/code").body()).contains("data-countdown=\"60\"").contains("/js/recovery-");
        clock.advance(Duration.ofSeconds(15));
        HttpResponse<String> early = resend(web);
        clock.advance(Duration.ofSeconds(46));
        HttpResponse<String> inTime = resend(web);

        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(early.body()).contains("Повторно отправить код можно через 45 секунд").contains("data-countdown=\"45\"");
        assertThat(location(inTime)).endsWith("/recover/code");
        assertThat(smsTo(db, account.phone())).hasSize(2);
        assertThat(enterCode(web, first).body()).as("the replaced code").contains("Неверный код");
    }

    @Test
    @DisplayName("ACC-5: the recovery forms refuse a post without the CSRF token")
    void csrfRequired() {
        WebClient web = new WebClient(port);
        web.get("/recover");

        assertThat(web.postForm("/recover", Map.of("identifier", "+79161234567")).statusCode()).isEqualTo(403);
        assertThat(web.postForm("/recover/code", Map.of("code", "123456")).statusCode()).isEqualTo(403);
        assertThat(web.postForm("/recover/password", Map.of("password", "x", "repeated", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("ACC-5: the code and password steps send a visitor without a recovery under way to the start")
    void stepsNeedAState() {
        WebClient web = new WebClient(port);

        assertThat(location(web.get("/recover/code"))).endsWith("/recover");
        assertThat(location(web.get("/recover/password"))).endsWith("/recover");
    }
}
