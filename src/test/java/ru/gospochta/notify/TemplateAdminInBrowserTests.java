package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.Browsers;
import ru.gospochta.TestStaff;
import ru.gospochta.notify.internal.templates.Templates;

/** An administrator edits, previews and publishes a letter template in Chromium (NTF-4). */
@NotifyTest
class TemplateAdminInBrowserTests {

    @LocalServerPort int port;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @Autowired Templates templates;

    @BeforeEach
    @AfterEach
    void defaultTemplate() {
        // Other tests write «document-ready» letters with the catalogue's text.
        db.sql("DELETE FROM notify.templates WHERE event_type = 'document-ready'").update();
        templates.forget();
    }

    @Test
    @DisplayName("NTF-4: the admin opens the list, edits the Russian «document-ready» template, sees the sample letter in the frame, publishes and sees version 1 «опубликован»")
    void editPreviewPublish() {
        TestStaff.ensureAdmin(db, passwords);
        try (Browsers.Browser chromium = Browsers.start()) {
            WebDriver b = chromium.driver();
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/admin/login"));
            b.findElement(By.id("username")).sendKeys(TestStaff.ADMIN);
            b.findElement(By.id("password")).sendKeys(TestStaff.PASSWORD);
            b.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlToBe(url("/admin")));

            b.findElement(By.linkText("Шаблоны уведомлений")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("type-document-ready")));
            assertThat(b.findElement(By.id("edit-document-ready-ru")).getText()).isEqualTo("по умолчанию");
            b.findElement(By.id("edit-document-ready-ru")).click();

            WebElement subject = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("subject")));
            assertThat(subject.getAttribute("value")).isEqualTo("Документ готов: {{documentName}}");
            subject.clear();
            subject.sendKeys("Можно забрать: {{documentName}}");
            b.findElement(By.id("preview")).click();

            wait.until(ExpectedConditions.urlMatches("/admin/notifications/templates/document-ready/ru/versions/1$"));
            assertThat(b.findElement(By.id("version-state")).getText()).isEqualTo("черновик");
            assertThat(b.findElement(By.id("preview-text")).getText()).contains("Можно забрать: Пример: documentName");
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("preview-html")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Можно забрать: Пример: documentName"));
            assertThat(b.findElement(By.tagName("body")).getText()).contains("Отправитель", "Пример: ведомство",
                    "Госпочта никогда не просит");
            b.switchTo().defaultContent();

            b.findElement(By.id("publish")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(b.findElement(By.id("done")).getText()).isEqualTo("Версия 1 опубликована: новые письма пишутся по ней.");
            assertThat(b.findElement(By.cssSelector("#version-1 .version-state")).getText()).isEqualTo("опубликован");
            assertThat(b.findElement(By.id("in-force")).getText()).isEqualTo("версия 1");
            List<LogEntry> errors = b.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused")).toList();
            assertThat(errors).as("the pages and the sandboxed letter break no policy").isEmpty();
        }
        assertThat(db.sql("SELECT state FROM notify.templates WHERE event_type = 'document-ready' AND locale = 'ru' AND version = 1")
                .query(String.class).single()).isEqualTo("PUBLISHED");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
