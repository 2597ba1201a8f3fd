package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
class RegistrationTests {

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    WebClient browser;

    @BeforeEach
    void fresh() {
        Limits.reset(db);
        browser = new WebClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    Map<String, String> form(String phone, String snils) {
        Map<String, String> form = new HashMap<>();
        form.put("phone", phone);
        form.put("surname", "Петрова");
        form.put("name", "Анна");
        form.put("patronymic", "Сергеевна");
        form.put("birthDate", "03.11.1985");
        form.put("passport", "45 06 654321");
        form.put("address", "г. Казань, ул. Баумана, д. 5, кв. 12");
        form.put("snils", snils.substring(0, 3) + "-" + snils.substring(3, 6) + "-" + snils.substring(6, 9) + " " + snils.substring(9));
        form.put("password", "Zhuravl-Nad-Volgoi-7");
        form.put("passwordRepeat", "Zhuravl-Nad-Volgoi-7");
        form.put("agreement", "true");
        return form;
    }

    HttpResponse<String> submit(Map<String, String> form) {
        Map<String, String> withToken = new HashMap<>(form);
        withToken.put("_csrf", WebClient.csrfToken(browser.get("/register").body()));
        return browser.postForm("/register", withToken);
    }

    HttpResponse<String> confirm(String code) {
        String page = browser.get("/register/confirm").body();
        return browser.postForm("/register/confirm", Map.of("code", code, "_csrf", WebClient.csrfToken(page)));
    }

    @Test
    @DisplayName("ACC-1, ACC-2: registration creates a «Зарегистрирована» account, the SMS code makes it «Активна» and signs in")
    void registersAndConfirmsPhone() {
        String phone = TestCitizens.newPhone();
        HttpResponse<String> created = submit(form(phone, TestCitizens.newSnils()));

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/register/confirm"));
        assertThat(accounts.byPhone(phone)).hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(AccountState.REGISTERED));
        assertThat(browser.get("/register/confirm").body()).contains("+7 916 ***-**-");

        HttpResponse<String> confirmed = confirm(Limits.lastCode(db, phone));

        assertThat(confirmed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/cabinet?welcome"));
        assertThat(accounts.byPhone(phone)).hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(AccountState.ACTIVE));
        String cabinet = browser.get("/cabinet").body();
        assertThat(cabinet).contains("Анна").contains("Активна");
    }

    @Test
    @DisplayName("ACC-1: every broken field is reported at once with its own message, and nothing is created or sent")
    void reportsEveryBrokenField() {
        String phone = TestCitizens.newPhone();
        Map<String, String> form = form(phone, TestCitizens.newSnils());
        form.put("snils", "112-233-445 96");
        form.put("birthDate", "31.02.2000");
        form.put("passport", "45 06 12345");
        form.put("surname", "Petrova");
        form.put("inn", "500100732258");
        form.put("password", "qwerty12");
        form.put("passwordRepeat", "different");
        form.remove("agreement");

        HttpResponse<String> refused = submit(form);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("СНИЛС").contains("Пароли не совпадают").contains("пользовательское соглашение")
                .contains("value=\"Petrova\"").doesNotContain("qwerty12");
        assertThat(refused.body().split("class=\"field-error\"")).hasSizeGreaterThan(7);
        assertThat(accounts.byPhone(phone)).isEmpty();
        assertThat(Limits.smsCount(db, phone)).isZero();
    }

    @Test
    @DisplayName("ACC-1: a phone that already has an account gets an SMS saying so, the page goes on as usual, nothing is created")
    void existingPhoneIsNotRevealed() {
        String phone = TestCitizens.newPhone();
        submit(form(phone, TestCitizens.newSnils()));
        Limits.reset(db);
        browser = new WebClient(port);

        HttpResponse<String> again = submit(form(phone, TestCitizens.newSnils()));

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(Limits.lastSms(db, phone)).contains("уже зарегистрирована").doesNotContainPattern("\\d{6}");
        HttpResponse<String> guess = confirm("000000");
        assertThat(guess.statusCode()).isEqualTo(422);
        assertThat(accounts.byPhone(phone)).hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(AccountState.REGISTERED));
    }

    @Test
    @DisplayName("ACC-1: one account per SNILS")
    void snilsOnlyOnce() {
        String snils = TestCitizens.newSnils();
        submit(form(TestCitizens.newPhone(), snils));
        Limits.reset(db);
        browser = new WebClient(port);

        HttpResponse<String> again = submit(form(TestCitizens.newPhone(), snils));

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("с этим СНИЛС уже существует");
    }

    @Test
    @DisplayName("ACC-7: an address that keeps hearing «СНИЛС уже зарегистрирован» has to wait, so SNILS cannot be looked up in bulk")
    void snilsLookupsWait() {
        String snils = TestCitizens.newSnils();
        submit(form(TestCitizens.newPhone(), snils));
        Limits.reset(db);
        for (int i = 0; i < 5; i++) {
            browser = new WebClient(port);
            assertThat(submit(form(TestCitizens.newPhone(), snils)).statusCode()).isEqualTo(422);
        }
        browser = new WebClient(port);
        HttpResponse<String> waiting = submit(form(TestCitizens.newPhone(), TestCitizens.newSnils()));
        assertThat(waiting.statusCode()).isEqualTo(429);
        assertThat(waiting.body()).contains("Слишком много попыток регистрации").contains("15 минут");
    }

    @Test
    @DisplayName("ACC-7: a wrong code tells the tries left; after five the code is used up; an expired code is refused")
    void wrongAndExpiredCodes() {
        String phone = TestCitizens.newPhone();
        submit(form(phone, TestCitizens.newSnils()));
        String code = Limits.lastCode(db, phone);
        String wrong = code.equals("111111") ? "222222" : "111111";

        assertThat(confirm(wrong).body()).contains("Осталось попыток: 4");
        for (int i = 0; i < 3; i++) {
            confirm(wrong);
        }
        assertThat(confirm(wrong).body()).contains("Попытки ввода кода исчерпаны");
        assertThat(confirm(code).body()).contains("Попытки ввода кода исчерпаны");

        clock.advance(Duration.ofSeconds(61));
        String page = browser.get("/register/confirm").body();
        browser.postForm("/register/resend", Map.of("_csrf", WebClient.csrfToken(page)));
        String fresh = Limits.lastCode(db, phone);
        clock.advance(Duration.ofMinutes(6));
        assertThat(confirm(fresh).body()).contains("Срок действия кода истёк");
        assertThat(accounts.byPhone(phone)).hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(AccountState.REGISTERED));
    }

    @Test
    @DisplayName("ACC-7: «Отправить код ещё раз» is refused before 60 seconds and accepted after")
    void resendWaitsSixtySeconds() {
        String phone = TestCitizens.newPhone();
        submit(form(phone, TestCitizens.newSnils()));
        String page = browser.get("/register/confirm").body();
        assertThat(page).contains("data-countdown=\"60\"");

        String early = browser.postForm("/register/resend", Map.of("_csrf", WebClient.csrfToken(page))).body();
        assertThat(early).contains("Новое SMS можно будет отправить через");
        assertThat(Limits.smsCount(db, phone)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        String later = browser.postForm("/register/resend", Map.of("_csrf", WebClient.csrfToken(page))).body();
        assertThat(later).contains("Мы отправили новый код");
        assertThat(Limits.smsCount(db, phone)).isEqualTo(2);
    }

    @Test
    @DisplayName("ACC-1: the as-you-type check answers for one field with its own message")
    void checksOneField() {
        String page = browser.get("/register").body();
        String hint = browser.postForm("/register/check/snils",
                Map.of("snils", "112-233-445 96", "_csrf", WebClient.csrfToken(page))).body();
        assertThat(hint).contains("id=\"snils-error\"").contains("СНИЛС");
        String fine = browser.postForm("/register/check/snils",
                Map.of("snils", "112-233-445 95", "_csrf", WebClient.csrfToken(page))).body();
        assertThat(fine).as("a valid SNILS, taken or not, has no hint").contains("id=\"snils-error\"").doesNotContain("<p>");
    }

    @Test
    @DisplayName("SEC-3: registration without a CSRF token is refused")
    void csrfRequired() {
        browser.get("/register");
        assertThat(browser.postForm("/register", form(TestCitizens.newPhone(), TestCitizens.newSnils())).statusCode())
                .isEqualTo(403);
    }
}
