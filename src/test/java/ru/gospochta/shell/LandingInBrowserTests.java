package ru.gospochta.shell;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.gospochta.Browsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page in a real browser (Debian's headless Chromium), where the CSP is actually
 * enforced: a blocked script or stylesheet shows only here. On a developer machine without the
 * browser the test is skipped; on CI (variable CI set) a missing browser fails it.
 */
@ShellTest
@DisplayName("UI-1 the landing page in a real browser")
class LandingInBrowserTests {

    private static final String CONSOLE_PROBE = "gospochta-console-probe";

    @LocalServerPort
    int port;

    private Browsers.Browser session;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        session = Browsers.start();
        browser = session.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    @DisplayName("UI-1 opens in Russian, switches to English by its link, skip link first, no CSP violation")
    void switchesLanguageUnderTheCsp() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://localhost:" + port + "/");

        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), LanguageTests.RUSSIAN_HEADING));
        assertThat(documentLanguage()).isEqualTo("ru");

        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(script("return document.activeElement.className")).isEqualTo("skip-link");

        browser.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), LanguageTests.ENGLISH_HEADING));
        assertThat(documentLanguage()).isEqualTo("en");

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), LanguageTests.ENGLISH_HEADING));

        wait.until(driver -> Boolean.TRUE.equals(script("return typeof window.htmx === 'object'")));
        assertThat(script("return getComputedStyle(document.querySelector('.site-header')).borderTopStyle"))
                .as("the stylesheet was applied").isEqualTo("solid");
        // A line of our own first, to prove the console really reaches us before trusting its silence.
        script("console.error('" + CONSOLE_PROBE + "')");
        consoleLines().ifPresent(console -> assertThat(console).as("browser console")
                .anyMatch(line -> line.contains(CONSOLE_PROBE))
                .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to")));
    }

    private String documentLanguage() {
        return (String) script("return document.documentElement.lang");
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    /**
     * Everything the pages wrote to the console, where Chromium reports CSP violations; empty if
     * this driver cannot hand out logs (then the htmx and stylesheet checks still stand).
     */
    private Optional<List<String>> consoleLines() {
        try {
            return Optional.of(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).toList());
        } catch (UnsupportedCommandException notSupported) {
            return Optional.empty();
        }
    }
}
