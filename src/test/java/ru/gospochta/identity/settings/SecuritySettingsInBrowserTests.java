package ru.gospochta.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import ru.gospochta.Browsers;
import ru.gospochta.IntegrationTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;

/**
 * The settings pages in headless Chromium, where the CSP is enforced: the QR code shows, htmx
 * measures the new password as it is typed (with the CSRF header), and the print button appears.
 * Skipped without the browser, except on CI ({@link Browsers}).
 */
@IntegrationTest
class SecuritySettingsInBrowserTests {

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

    private Browsers.Browser started;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        started = Browsers.start();
        browser = started.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (started != null) {
            started.close();
        }
    }

    @Test
    @DisplayName("ACC-4, UI-1: the strength meter follows the typing under the CSP")
    void measuresPasswordAsTyped() {
        signIn(TestCitizens.create(accounts, passwords));
        browser.get(base() + "/security/password");

        browser.findElement(By.id("new-password")).sendKeys("abc");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("strength-meter")));
        assertThat(browser.findElement(By.id("password-strength")).getText())
                .contains("Надёжность пароля", "Рекомендуем пароль из 12 символов");

        browser.findElement(By.id("new-password")).sendKeys("-Kvitok-Zima-Lampa-58!");
        wait.until(ExpectedConditions.attributeToBe(By.id("strength-meter"), "value", "4"));
        assertThat(browser.findElement(By.id("password-strength")).getText()).doesNotContain("Рекомендуем");
        assertNoCspViolation();
    }

    @Test
    @DisplayName("ACC-3, UI-1: the QR code shows, and the backup codes page offers printing")
    void enrolsWithQrCodeAndOffersPrinting() {
        signIn(TestCitizens.create(accounts, passwords));
        browser.get(base() + "/security/two-step/totp");
        wait.until(driver -> Boolean.TRUE.equals(script(
                "var img = document.querySelector('img.qr'); return img.complete && img.naturalWidth > 0")));

        String key = browser.findElement(By.id("totp-key")).getText();
        browser.findElement(By.id("code")).sendKeys(totp.codeAt(TotpSecret.fromBase32(key), Instant.now()));
        browser.findElement(By.id("password")).sendKeys(TestCitizens.PASSWORD);
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#backup-codes li"), 10));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-print]")));
        assertNoCspViolation();
    }

    private void signIn(Account account) {
        String cookie = TestCitizens.signedIn(port, account, sessions).cookie("GOSPOCHTA_SESSION").orElseThrow();
        browser.get(base() + "/robots.txt");
        browser.manage().addCookie(new Cookie("GOSPOCHTA_SESSION", cookie, "/"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private void assertNoCspViolation() {
        List<String> console;
        try {
            console = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        } catch (UnsupportedCommandException notSupported) {
            return;
        }
        assertThat(console).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to"));
    }
}
