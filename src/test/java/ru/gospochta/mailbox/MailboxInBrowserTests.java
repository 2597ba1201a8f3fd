package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.Browsers;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;

/** The mailbox in a real browser with the CSP enforced: the citizen's main path through their mail. */
@IdentityTest
class MailboxInBrowserTests {

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    @Test
    @DisplayName("MBX-1, MBX-10: open the mailbox → new mail appears without reload → open it → its file is there to download → flag → move to «Архив»")
    void mainPath() {
        Citizen citizen = Citizen.signedIn(port, accounts, passwords, sessions);
        delivery.deliver(Letter.to(citizen.id()).subject("Начисление транспортного налога").build());

        try (Browsers.Browser chromium = Browsers.start()) {
            WebDriver b = chromium.driver();
            b.get(url("/"));
            b.manage().addCookie(new Cookie("GOSPOCHTA_SESSION", citizen.sessionCookie(), "/"));
            b.get(url("/cabinet"));
            b.findElement(By.id("mailbox-card")).click();
            await(b).until(ExpectedConditions.urlContains("/cabinet/mailbox"));
            assertThat(b.findElement(By.id("folder-name")).getText()).isEqualTo("Входящие");
            assertThat(b.findElement(By.id("message-rows")).getText()).contains("Начисление транспортного налога");
            await(b).until(d -> Boolean.TRUE.equals(script(d, "return typeof window.htmx === 'object'")));

            // MBX-10: delivered while the page is open, shown without reload.
            Letter extract = Letter.to(citizen.id()).subject("Выписка из ЕГРН готова").from(Letter.MVD, "Росреестр")
                    .html("<p>Выписка <b>готова</b>.</p>")
                    .file("Выписка из ЕГРН.pdf", "application/pdf", "%PDF-1.4 выписка".getBytes(StandardCharsets.UTF_8), "");
            script(b, "window.notReloaded = true");
            await(b).until(ExpectedConditions.attributeToBe(By.id("mailbox"), "data-stream", "open"));
            delivery.deliver(extract.build());
            await(b).until(ExpectedConditions.presenceOfElementLocated(By.id("m-" + extract.id())));
            assertThat(script(b, "return window.notReloaded")).isEqualTo(true);
            assertThat(b.findElement(By.id("m-" + extract.id())).getAttribute("class")).contains("unread");
            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("folder-inbox"), "2"));

            // MBX-1: the message with its sender, sandboxed body and the download link.
            b.findElement(By.id("open-" + extract.id())).click();
            await(b).until(ExpectedConditions.textToBe(By.id("subject"), "Выписка из ЕГРН готова"));
            assertThat(b.findElement(By.id("sender")).getText()).isEqualTo("Росреестр");
            assertThat(b.findElement(By.id("body-frame")).getAttribute("sandbox")).isEqualTo("allow-popups allow-popups-to-escape-sandbox");
            UUID file = db.sql("SELECT id FROM mailbox.attachments WHERE message_id = :m").param("m", extract.id())
                    .query(UUID.class).single();
            var download = b.findElement(By.id("download-" + file));
            assertThat(download.getText()).isEqualTo("Выписка из ЕГРН.pdf");
            assertThat(download.getAttribute("href")).endsWith("/cabinet/mailbox/messages/" + extract.id() + "/attachments/" + file);

            b.findElement(By.id("flag")).click();
            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Сообщение отмечено флажком."));
            assertThat(b.findElements(By.id("flagged-mark"))).hasSize(1);
            assertThat(b.findElement(By.id("flag")).getText()).isEqualTo("Снять флажок");

            new Select(b.findElement(By.id("move-to"))).selectByVisibleText("Архив");
            b.findElement(By.id("move")).click();
            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Сообщение перемещено в папку «Архив»."));
            assertThat(b.findElement(By.id("folder")).getText()).isEqualTo("Архив");

            b.findElement(By.id("back-to-folder")).click();
            await(b).until(ExpectedConditions.textToBe(By.id("folder-name"), "Архив"));
            assertThat(b.findElement(By.id("m-" + extract.id())).getText()).contains("Выписка из ЕГРН готова", "Росреестр");
            consoleLines(b).ifPresent(console -> assertThat(console).as("browser console")
                    .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to")));
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Object script(WebDriver b, String code) {
        return ((JavascriptExecutor) b).executeScript(code);
    }

    /**
     * htmx swaps the notice while the wait reads it; Chromium then answers with a bare inspector
     * error («Node … does not belong to the document») rather than a stale-element one, so the
     * wait looks again instead of failing on it.
     */
    private static WebDriverWait await(WebDriver b) {
        WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    private static java.util.Optional<List<String>> consoleLines(WebDriver b) {
        try {
            return java.util.Optional.of(b.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList());
        } catch (UnsupportedCommandException notSupported) {
            return java.util.Optional.empty();
        }
    }
}
