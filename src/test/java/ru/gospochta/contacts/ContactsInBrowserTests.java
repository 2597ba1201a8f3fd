package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.Browsers;
import ru.gospochta.MutableClock;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.internal.mail.MailCatcher;

/**
 * «Контактные данные» in a real browser with the CSP enforced: add an e-mail and confirm it by the
 * code of the letter, change it by the link with the notice to the old address, resend only after
 * the 60 seconds, and delete it through the «Да» / «Отмена» dialog.
 */
@IdentityTest
class ContactsInBrowserTests {

    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/cabinet/contacts/email/confirm\\?token=[A-Za-z0-9_-]+)");

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired MailCatcher catcher;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    Account citizen;

    @BeforeEach
    void citizen() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("CNT-2, CNT-3, CNT-4: add by the code of the letter → change by the link, old address told → resend after 60 s → delete with «Отмена», then «Да»")
    void wholeWay() throws Exception {
        try (Browsers.Browser chromium = Browsers.start()) {
            WebDriver b = chromium.driver();
            signIn(b);

            // CNT-3, CNT-2: re-check, the htmx hint for a throw-away domain, then the code of the letter.
            String first = newAddress();
            open(b, "/cabinet/contacts");
            assertThat(text(b, "add-email")).isEqualTo("Добавить e-mail");
            recheck(b);
            WebElement address = b.findElement(By.id("address"));
            address.sendKeys("x@mailinator.com");
            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("address-error"), "одноразов"));
            address = b.findElement(By.id("address"));
            address.clear();
            address.sendKeys(first);
            submit(b, "/cabinet/contacts/email/new");
            await(b).until(ExpectedConditions.urlContains("/cabinet/contacts/email/confirm"));
            assertThat(b.findElement(By.tagName("main")).getText()).contains(first);

            String[] letter = letterTo(first, "Подтверждение e-mail");
            fill(b, Map.of("code", find(CODE, letter[1])));
            submit(b, "/cabinet/contacts/email/confirm");
            await(b).until(ExpectedConditions.urlContains("?confirmed"));
            assertThat(text(b, "email-confirmed")).isEqualTo("Адрес подтверждён");
            assertThat(text(b, "email-address")).isEqualTo(first);
            assertThat(text(b, "email-status")).isEqualTo("Подтверждён");

            // CNT-2, CNT-4: a second address by the link; the first stays in force until then and is told.
            String second = newAddress();
            assertThat(text(b, "add-email")).isEqualTo("Изменить e-mail");
            addAddress(b, second);
            open(b, "/cabinet/contacts");
            assertThat(text(b, "email-address")).isEqualTo(first);
            assertThat(text(b, "email-waiting-status")).isEqualTo("Не подтверждён");
            assertThat(text(b, "email-waiting")).contains(second);

            String link = find(LINK, letterTo(second, "Подтверждение e-mail")[1]);
            open(b, link);
            await(b).until(ExpectedConditions.urlContains("?confirmed"));
            assertThat(text(b, "email-confirmed")).isEqualTo("Адрес подтверждён");
            assertThat(text(b, "email-address")).isEqualTo(second);
            assertThat(text(b, "email-status")).isEqualTo("Подтверждён");
            assertThat(b.findElements(By.id("email-waiting"))).isEmpty();
            assertThat(letterTo(first, "Адрес электронной почты изменён")[1]).doesNotContain(second);

            // CNT-2: «Отправить код ещё раз» waits 60 s in the browser and on the server.
            String third = newAddress();
            addAddress(b, third);
            WebElement resend = b.findElement(By.id("resend"));
            await(b).until(d -> !d.findElement(By.id("resend")).isEnabled());
            assertThat(text(b, "resend-countdown")).contains("Повторная отправка станет доступна через");
            ((JavascriptExecutor) b).executeScript("arguments[0].removeAttribute('disabled');", resend);
            resend.click();
            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("refusal"),
                    "Отправить письмо ещё раз можно через"));

            clock.advance(Duration.ofSeconds(61));
            open(b, "/cabinet/contacts/email/confirm");
            assertThat(b.findElement(By.id("resend")).isEnabled()).isTrue();
            assertThat(b.findElements(By.id("resend-countdown"))).isEmpty();
            b.findElement(By.id("resend")).click();
            await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Мы отправили новое письмо"));
            assertThat(b.findElements(By.id("refusal"))).isEmpty();

            // CNT-4: delete — «Отмена» keeps the address, the password and «Да» remove it.
            open(b, "/cabinet/contacts");
            b.findElement(By.id("delete-email")).click();
            await(b).until(ExpectedConditions.urlContains("/cabinet/contacts/email/delete"));
            assertThat(b.findElement(By.cssSelector("[role='alertdialog']")).getText()).contains(second);
            assertThat(text(b, "delete-yes")).isEqualTo("Да");
            assertThat(text(b, "delete-no")).isEqualTo("Отмена");
            b.findElement(By.id("delete-no")).click();
            await(b).until(ExpectedConditions.urlMatches("/cabinet/contacts$"));
            assertThat(text(b, "email-address")).isEqualTo(second);

            b.findElement(By.id("delete-email")).click();
            await(b).until(ExpectedConditions.urlContains("/cabinet/contacts/email/delete"));
            fill(b, Map.of("password", TestCitizens.PASSWORD));
            b.findElement(By.id("delete-yes")).click();
            await(b).until(ExpectedConditions.urlContains("?deleted"));
            String page = b.findElement(By.tagName("main")).getText();
            assertThat(page).contains("Адрес удалён").contains("Адрес электронной почты не указан").doesNotContain(second);
            assertThat(b.findElements(By.id("delete-email"))).isEmpty();
            assertThat(b.getPageSource()).doesNotContain(TestCitizens.PASSWORD);
        }
    }

    /** Sign in by the phone, the password and the SMS code. */
    private void signIn(WebDriver b) {
        open(b, "/login");
        Limits.reset(db);
        fill(b, Map.of("identifier", citizen.phone(), "password", TestCitizens.PASSWORD));
        submit(b, "/login");
        await(b).until(ExpectedConditions.urlContains("/login/second-factor"));
        fill(b, Map.of("code", Limits.lastCode(db, citizen.phone())));
        submit(b, "/login/second-factor");
        await(b).until(ExpectedConditions.urlContains("/cabinet"));
    }

    /** From the contacts page through the re-check (password and SMS code) to the address form. */
    private void recheck(WebDriver b) {
        b.findElement(By.id("add-email")).click();
        await(b).until(ExpectedConditions.urlContains("/cabinet/contacts/email/recheck"));
        Limits.reset(db);
        b.findElement(By.id("send-code")).click();
        await(b).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Код отправлен"));
        fill(b, Map.of("password", TestCitizens.PASSWORD, "code", Limits.lastCode(db, citizen.phone())));
        submit(b, "/cabinet/contacts/email/recheck");
        await(b).until(ExpectedConditions.urlContains("/cabinet/contacts/email/new"));
    }

    private void addAddress(WebDriver b, String address) {
        open(b, "/cabinet/contacts");
        recheck(b);
        fill(b, Map.of("address", address));
        submit(b, "/cabinet/contacts/email/new");
        await(b).until(ExpectedConditions.urlContains("/cabinet/contacts/email/confirm"));
    }

    /** The latest letter to the address with that subject, read over IMAP from the mail catcher: subject, text. */
    private String[] letterTo(String address, String subject) {
        return new FluentWait<>(address).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(200))
                .ignoring(Exception.class).until(a -> {
                    try {
                        String[] letter = lastLetter(a);
                        return subject.equals(letter[0]) ? letter : null;
                    } catch (Exception notYet) {
                        throw new IllegalStateException("no letter to " + a + " yet", notYet);
                    }
                });
    }

    private String[] lastLetter(String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", catcher.imapPort(), address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message letter = inbox.getMessage(inbox.getMessageCount());
            Multipart parts = (Multipart) letter.getContent();
            return new String[] {letter.getSubject(), (String) parts.getBodyPart(0).getContent()};
        } finally {
            store.close();
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("in: " + text).isTrue();
        return m.group(1);
    }

    private static String newAddress() {
        return "citizen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
    }

    /** Opens a path of this server; the links of letters are rewritten to it by their path. */
    private void open(WebDriver b, String path) {
        b.get("http://localhost:" + port + path);
    }

    private static String text(WebDriver b, String id) {
        return b.findElement(By.id(id)).getText().strip();
    }

    private static void fill(WebDriver b, Map<String, String> fields) {
        fields.forEach((id, value) -> {
            WebElement input = b.findElement(By.id(id));
            input.clear();
            input.sendKeys(value);
        });
    }

    private static void submit(WebDriver b, String action) {
        b.findElement(By.cssSelector("form[action='" + action + "'] button[type='submit']")).click();
    }

    private static WebDriverWait await(WebDriver b) {
        return new WebDriverWait(b, Duration.ofSeconds(20));
    }
}
