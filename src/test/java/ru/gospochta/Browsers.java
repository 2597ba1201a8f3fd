package ru.gospochta;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium for real-browser tests. On a developer machine without it the test
 * is skipped with a message; in CI (variable CI set) a missing browser fails the test instead.
 */
public final class Browsers {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browsers() {
    }

    /** A browser with a profile of its own; close it to quit and remove the profile. */
    public record Browser(WebDriver driver, ChromeDriverService service, Path profile) implements AutoCloseable {

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                service.stop();
                try {
                    FileSystemUtils.deleteRecursively(profile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    public static Browser start() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String missing = "No headless browser at " + CHROMIUM + " and " + CHROMEDRIVER
                + ": install chromium and chromium-driver (apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            if (!installed) {
                fail(missing + ". CI must run the browser tests, so they fail instead of skipping.");
            }
        } else {
            assumeTrue(installed, missing + " to run this test.");
        }
        try {
            Path profile = Files.createTempDirectory("gospochta-chromium-");
            // Both paths given explicitly, so Selenium Manager never tries to download a driver or browser.
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options(profile)), service, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=ru-RU", "--window-size=1280,900");
        // A Russian citizen's browser: pages must come up in Russian before any switch.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ru-RU,ru"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        return options;
    }
}
