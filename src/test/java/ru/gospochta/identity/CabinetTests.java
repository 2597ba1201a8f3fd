package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
class CabinetTests {

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    @Test
    @DisplayName("ACC-4: the cabinet reminds to change a password older than 90 days, and not a newer one")
    void passwordReminder() {
        Account fresh = TestCitizens.create(accounts, passwords);
        assertThat(TestCitizens.signedIn(port, fresh, sessions).get("/cabinet").body())
                .contains("Активна").doesNotContain("/security/password");

        Account old = TestCitizens.create(accounts, passwords);
        db.sql("UPDATE identity.accounts SET password_changed_at = :at WHERE id = :id")
                .param("at", Instant.now().minus(Duration.ofDays(91)).atOffset(ZoneOffset.UTC)).param("id", old.id()).update();
        assertThat(TestCitizens.signedIn(port, old, sessions).get("/cabinet").body()).contains("/security/password");
    }
}
