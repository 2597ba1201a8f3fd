package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.IntegrationTest;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.platform.internal.mail.MailCatcher;

@IntegrationTest
class MailCatcherTests {

    @Autowired OutgoingMail mail;
    @Autowired MailCatcher catcher;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @LocalServerPort int port;

    WebClient admin;

    @BeforeEach
    void signIn() {
        TestStaff.ensureAdmin(db, passwords);
        admin = new WebClient(port);
        assertThat(admin.signIn(TestStaff.ADMIN, TestStaff.PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/admin"));
    }

    @Test
    @DisplayName("Runtime shapes: a letter sent through the mail port is read back over IMAP with its text and HTML parts")
    void letterIsReadableOverImap() throws Exception {
        String to = "citizen-" + UUID.randomUUID() + "@example.ru";
        String messageId = mail.send(new Letter(to, "Подтверждение e-mail", "Код: 123456",
                "<p>Код: <b>123456</b></p>", Map.of("X-Gospochta-Check", "K7Q-2M")));

        Properties props = new Properties();
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", catcher.imapPort(), to, "any password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            Message letter = inbox.getMessage(1);
            assertThat(letter.getSubject()).isEqualTo("Подтверждение e-mail");
            assertThat(((InternetAddress) letter.getFrom()[0]).getPersonal()).isEqualTo("Госпочта");
            assertThat(letter.getHeader("Message-ID")).containsExactly(messageId);
            assertThat(letter.getHeader("X-Gospochta-Check")).containsExactly("K7Q-2M");
            Multipart alternative = (Multipart) letter.getContent();
            assertThat(alternative.getContentType()).startsWith("multipart/alternative");
            // The port adds the verification code of NTF-6 at the foot.
            assertThat((String) alternative.getBodyPart(0).getContent()).startsWith("Код: 123456").contains("Код проверки письма: ");
            assertThat((String) alternative.getBodyPart(1).getContent()).contains("<b>123456</b>");
            inbox.close();
        } finally {
            store.close();
        }
    }

    @Test
    @DisplayName("Runtime shapes: the admin page lists caught letters and shows headers, text and HTML parts")
    void adminPageShowsCaughtLetter() {
        String to = "reader-" + UUID.randomUUID() + "@example.ru";
        mail.send(new Letter(to, "Письмо для страницы", "Простой текст письма", "<p onclick=\"x()\">HTML-часть</p>"));
        int number = catcher.letters().size();

        HttpResponse<String> list = admin.get("/admin/mail");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(to).contains("Письмо для страницы").contains("/admin/mail/" + number);

        HttpResponse<String> page = admin.get("/admin/mail/" + number);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Простой текст письма").contains("Message-ID")
                .contains("<iframe class=\"letter-html\" sandbox")
                .doesNotContain("<p onclick=\"x()\">");

        HttpResponse<String> html = admin.get("/admin/mail/" + number + "/html");
        assertThat(html.body()).contains("HTML-часть");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("sandbox"));
        assertThat(html.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @Test
    @DisplayName("Runtime shapes: the catcher can be emptied; letters caught afterwards are numbered from one")
    void catcherCanBeEmptied() {
        mail.send(new Letter("emptied-" + UUID.randomUUID() + "@example.ru", "До очистки", "текст", null));
        assertThat(catcher.letters()).isNotEmpty();

        catcher.purge();

        assertThat(catcher.letters()).isEmpty();
        String to = "after-" + UUID.randomUUID() + "@example.ru";
        mail.send(new Letter(to, "После очистки", "текст", null));
        assertThat(catcher.letter(1)).hasValueSatisfying(l -> assertThat(recipients(l)).isEqualTo(to));
    }

    @Test
    @DisplayName("SEC-3: caught mail is for administrators only; an unknown letter number is 404")
    void catcherPagesAreProtected() {
        WebClient anonymous = new WebClient(port);
        HttpResponse<String> page = anonymous.get("/admin/mail");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
        assertThat(admin.get("/admin/mail/999999").statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/mail/abc").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("Runtime shapes: a letter without recipient or subject is refused before it reaches the transport")
    void incompleteLetterIsRefused() {
        int before = catcher.letters().size();
        assertThatThrownBy(() -> new Letter(" ", "Тема", "текст", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail.send(new Letter("not an address", "Тема", "текст", null)))
                .isInstanceOf(MailNotSent.class);
        assertThat(catcher.letters()).hasSize(before);
    }

    private static String recipients(jakarta.mail.internet.MimeMessage letter) {
        try {
            return letter.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
