package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.Browsers;
import ru.gospochta.IntegrationTest;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;

/**
 * A citizen's whole way through accounts in a real browser, with the CSP enforced: register with
 * the SMS code, enable an authenticator app, sign out, sign in with a backup code, and end that
 * session from a second browser.
 */
@IntegrationTest
class AccountJourneyInBrowserTests {

    @Autowired JdbcClient db;
    @LocalServerPort int port;

    @BeforeEach
    void fresh() {
        Limits.reset(db);
    }

    @Test
    @DisplayName("ACC-1, ACC-3, ACC-6: register → confirm by SMS → enable TOTP → sign out → TOTP asked → backup code → end that session from a second browser")
    void wholeJourney() {
        String phone = TestCitizens.newPhone();
        String snils = TestCitizens.newSnils();
        String password = "Kedr-Na-Beregu-Obi-42";
        try (Browsers.Browser first = Browsers.start(); Browsers.Browser second = Browsers.start()) {
            WebDriver a = first.driver();
            open(a, "/register");
            fill(a, Map.of("phone", phone, "surname", "Соколова", "name", "Ольга", "patronymic", "Игоревна",
                    "birthDate", "21.06.1992", "passport", "46 11 778899", "address", "г. Новосибирск, ул. Ленина, д. 10, кв. 3",
                    "snils", snils, "password", password, "passwordRepeat", password));
            a.findElement(By.id("agreement")).click();
            submit(a, "/register");
            await(a).until(ExpectedConditions.urlContains("/register/confirm"));

            fill(a, Map.of("code", Limits.lastCode(db, phone)));
            submit(a, "/register/confirm");
            await(a).until(ExpectedConditions.urlContains("/cabinet"));
            assertThat(a.findElement(By.id("account-state")).getText()).isEqualTo("Активна");

            open(a, "/security/two-step/totp");
            TotpSecret secret = TotpSecret.fromBase32(await(a).until(ExpectedConditions.visibilityOfElementLocated(By.id("totp-key"))).getText());
            fill(a, Map.of("code", new Totp(Clock.systemUTC()).codeAt(secret, Instant.now()), "password", password));
            submit(a, "/security/two-step/totp");
            List<String> backupCodes = await(a).until(d -> {
                List<WebElement> items = d.findElements(By.cssSelector("#backup-codes li"));
                return items.isEmpty() ? null : items.stream().map(WebElement::getText).map(String::strip).toList();
            });
            assertThat(backupCodes).hasSize(10);

            open(a, "/cabinet");
            a.findElement(By.id("sign-out")).click();
            await(a).until(ExpectedConditions.not(ExpectedConditions.urlContains("/cabinet")));

            signIn(a, phone, password);
            assertThat(a.getPageSource()).contains("приложения-аутентификатора");
            a.findElement(By.linkText("Войти с резервным кодом")).click();
            fill(a, Map.of("code", backupCodes.get(0)));
            submit(a, "/login/second-factor");
            await(a).until(ExpectedConditions.urlContains("/cabinet"));

            WebDriver b = second.driver();
            signIn(b, phone, password);
            b.findElement(By.linkText("Войти с резервным кодом")).click();
            fill(b, Map.of("code", backupCodes.get(1)));
            submit(b, "/login/second-factor");
            await(b).until(ExpectedConditions.urlContains("/cabinet"));

            open(b, "/security");
            assertThat(b.findElements(By.cssSelector("#sessions tr.session"))).hasSizeGreaterThanOrEqualTo(2);
            var endOthers = b.findElement(By.cssSelector("form[action='/security/sessions/end'] button"));
            endOthers.click();
            // The URL is /security before and after: wait for the answer's page, not for the address.
            // While the old page is being replaced, Chrome may answer about the button with "node does
            // not belong to the document" rather than "stale"; both mean the old page is gone or going.
            await(b).ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(endOthers));

            open(a, "/cabinet");
            await(a).until(ExpectedConditions.urlContains("/login"));
            assertThat(a.getPageSource()).doesNotContain(password).doesNotContain(backupCodes.get(2));
        }
    }

    private void signIn(WebDriver browser, String phone, String password) {
        open(browser, "/login");
        fill(browser, Map.of("identifier", phone, "password", password));
        submit(browser, "/login");
        await(browser).until(ExpectedConditions.urlContains("/login/second-factor"));
    }

    private void open(WebDriver browser, String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static void fill(WebDriver browser, Map<String, String> fields) {
        fields.forEach((id, value) -> {
            WebElement input = browser.findElement(By.id(id));
            input.clear();
            input.sendKeys(value);
        });
    }

    private static void submit(WebDriver browser, String action) {
        browser.findElement(By.cssSelector("form[action='" + action + "'] button[type='submit']")).click();
    }

    private static WebDriverWait await(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }
}
