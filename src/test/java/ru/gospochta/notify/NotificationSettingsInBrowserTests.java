package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.Browsers;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

/**
 * «Настройки уведомлений» in headless Chromium, where the CSP is enforced: the citizen's own path
 * from the cabinet through the form and back. Skipped without the browser, except on CI ({@link Browsers}).
 */
@NotifyTest
class NotificationSettingsInBrowserTests {

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired PreferencesStore store;
    @LocalServerPort int port;

    @Test
    @DisplayName("NTF-3, UI-1: from the cabinet, untick e-mail for payments, daily digest for application status, quiet hours → «Настройки сохранены», kept after reload, no CSP violation")
    void changeAndKeep() {
        Account citizen = TestCitizens.create(accounts, passwords);
        String cookie = TestCitizens.signedIn(port, citizen, sessions).cookie("GOSPOCHTA_SESSION").orElseThrow();

        try (Browsers.Browser chromium = Browsers.start()) {
            WebDriver b = chromium.driver();
            b.get(url("/robots.txt"));
            b.manage().addCookie(new Cookie("GOSPOCHTA_SESSION", cookie, "/"));
            b.get(url("/cabinet"));
            b.findElement(By.id("notifications-card")).click();
            await(b).until(ExpectedConditions.urlContains("/cabinet/notifications"));
            assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Настройки уведомлений");
            assertThat(b.findElement(By.id("ch-security-email")).isEnabled()).isFalse();
            assertThat(b.findElement(By.id("ch-security-email")).isSelected()).isTrue();

            assertThat(b.findElement(By.id("ch-payments-email")).isSelected()).isTrue();
            b.findElement(By.id("ch-payments-email")).click();
            new Select(b.findElement(By.id("frequency.application-status"))).selectByVisibleText("Ежедневная сводка");
            time(b, "quietFrom", "22:30");
            time(b, "quietTo", "07:00");
            b.findElement(By.id("save-settings")).click();

            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "Настройки сохранены"));
            b.navigate().refresh();
            await(b).until(ExpectedConditions.invisibilityOfElementLocated(By.id("settings-saved")));
            assertThat(b.findElement(By.id("ch-payments-email")).isSelected()).isFalse();
            assertThat(b.findElement(By.id("ch-payments-cabinet")).isSelected()).isTrue();
            assertThat(new Select(b.findElement(By.id("frequency.application-status"))).getFirstSelectedOption().getText())
                    .isEqualTo("Ежедневная сводка");
            assertThat(b.findElement(By.id("quietFrom")).getAttribute("value")).isEqualTo("22:30");
            assertThat(b.findElement(By.id("quietTo")).getAttribute("value")).isEqualTo("07:00");
            assertThat(b.findElement(By.id("ch-deadlines-email")).isSelected()).as("the rest untouched").isTrue();

            Preferences stored = store.of(citizen.id());
            assertThat(stored.row(Category.PAYMENTS).channels()).doesNotContain(Channel.EMAIL);
            assertThat(stored.row(Category.APPLICATION_STATUS).frequency()).isEqualTo(Frequency.DAILY);
            assertThat(stored.quietFrom()).isEqualTo(LocalTime.of(22, 30));
            assertThat(stored.quietTo()).isEqualTo(LocalTime.of(7, 0));
            consoleLines(b).ifPresent(console -> assertThat(console).as("browser console")
                    .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to")));
        }
    }

    /**
     * Fills a time control. What keys it takes follows the locale of the machine the browser runs
     * on (22:30 is typed «2230» or «1030P»), so the value is set as the control itself would set it.
     */
    private static void time(WebDriver b, String id, String value) {
        WebElement input = b.findElement(By.id(id));
        ((JavascriptExecutor) b).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
        assertThat(input.getAttribute("value")).isEqualTo(value);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriverWait await(WebDriver b) {
        return new WebDriverWait(b, Duration.ofSeconds(20));
    }

    private static java.util.Optional<List<String>> consoleLines(WebDriver b) {
        try {
            return java.util.Optional.of(b.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList());
        } catch (UnsupportedCommandException notSupported) {
            return java.util.Optional.empty();
        }
    }
}
