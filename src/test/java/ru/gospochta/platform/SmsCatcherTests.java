package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.IntegrationTest;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SmsCatcherTests {

    @Autowired OutgoingSms sms;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @LocalServerPort int port;

    @BeforeEach
    void admin() {
        TestStaff.ensureAdmin(db, passwords);
    }

    @Test
    @DisplayName("Runtime shapes: an SMS sent through the SMS port appears on the admin page and in the log")
    void caughtSmsIsListed(CapturedOutput output) {
        sms.send("+79161234567", "Код подтверждения: 482913. Никому не сообщайте его.");

        assertThat(output).contains("SMS caught for +79161234567: Код подтверждения: 482913");
        WebClient admin = new WebClient(port);
        admin.signIn(TestStaff.ADMIN, TestStaff.PASSWORD);
        String page = admin.get("/admin/sms").body();
        assertThat(page).contains("+79161234567").contains("Код подтверждения: 482913");
    }

    @Test
    @DisplayName("Runtime shapes: an SMS to a malformed number or with an empty or oversized text is refused and not stored")
    void badSmsIsRefused() {
        long before = count();
        assertThatThrownBy(() -> sms.send("89161234567", "текст")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sms.send("+7916abc4567", "текст")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sms.send("+79161234567", "  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sms.send("+79161234567", "я".repeat(1001))).isInstanceOf(IllegalArgumentException.class);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    @DisplayName("SEC-3: the caught SMS page is for administrators only")
    void smsPageIsProtected() {
        assertThat(new WebClient(port).get("/admin/sms").statusCode()).isEqualTo(302);
    }

    private long count() {
        return db.sql("SELECT count(*) FROM platform.caught_sms").query(Long.class).single();
    }
}
