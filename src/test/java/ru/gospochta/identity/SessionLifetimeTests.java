package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
class SessionLifetimeTests {

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("ACC-6: sessions live in PostgreSQL with a 30-minute idle timeout, and the cookie is HttpOnly and SameSite=Lax")
    void idleTimeoutAndCookie() {
        Account citizen = TestCitizens.create(accounts, passwords);
        WebClient browser = TestCitizens.signedIn(port, citizen, sessions);
        assertThat(browser.get("/cabinet").statusCode()).isEqualTo(200);

        Integer idle = db.sql("SELECT max_inactive_interval FROM identity.spring_session WHERE principal_name = :p")
                .param("p", "citizen:" + citizen.id()).query(Integer.class).single();
        assertThat(idle).isEqualTo(1800);

        HttpResponse<String> login = new WebClient(port).get("/register");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("GOSPOCHTA_SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    @DisplayName("ACC-6: a session ends 12 hours after it began, however busy it was")
    void absoluteLifetime() {
        Account citizen = TestCitizens.create(accounts, passwords);
        WebClient browser = TestCitizens.signedIn(port, citizen, sessions);
        assertThat(browser.get("/cabinet").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(11));
        assertThat(browser.get("/cabinet").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        HttpResponse<String> expired = browser.get("/cabinet");
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    @DisplayName("ACC-6: a session's last use is written at most once a minute; it is still extended, and still ends after 30 idle minutes")
    void lastUseWrittenOnceAMinute() {
        Account citizen = TestCitizens.create(accounts, passwords);
        WebClient browser = TestCitizens.signedIn(port, citizen, sessions);
        String principal = "citizen:" + citizen.id();

        // Used 30 seconds ago: a page now leaves the stored stamp as it was.
        long recent = lastUsedAgo(principal, Duration.ofSeconds(30));
        assertThat(browser.get("/cabinet").statusCode()).isEqualTo(200);
        assertThat(lastAccess(principal)).isEqualTo(recent);

        // Used 10 minutes ago: the page extends the session from now.
        lastUsedAgo(principal, Duration.ofMinutes(10));
        long before = System.currentTimeMillis();
        assertThat(browser.get("/cabinet").statusCode()).isEqualTo(200);
        assertThat(lastAccess(principal)).isGreaterThanOrEqualTo(before);
        assertThat(db.sql("SELECT expiry_time - last_access_time FROM identity.spring_session WHERE principal_name = :p")
                .param("p", principal).query(Long.class).single()).isEqualTo(Duration.ofMinutes(30).toMillis());

        // Idle for 30 minutes and a second: the session is over.
        lastUsedAgo(principal, Duration.ofMinutes(30).plusSeconds(1));
        HttpResponse<String> expired = browser.get("/cabinet");
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    /** Sets the stored last use of the principal's session as if its last request had been {@code ago}; returns the stamp. */
    private long lastUsedAgo(String principal, Duration ago) {
        long stamp = System.currentTimeMillis() - ago.toMillis();
        db.sql("""
                UPDATE identity.spring_session SET last_access_time = :at, expiry_time = :at + max_inactive_interval * 1000
                WHERE principal_name = :p""").param("at", stamp).param("p", principal).update();
        return stamp;
    }

    private long lastAccess(String principal) {
        return db.sql("SELECT last_access_time FROM identity.spring_session WHERE principal_name = :p")
                .param("p", principal).query(Long.class).single();
    }

    @Test
    @DisplayName("SEC-3: the cabinet is for signed-in citizens only; a staff session does not open it")
    void cabinetNeedsCitizen() {
        assertThat(new WebClient(port).get("/cabinet").statusCode()).isEqualTo(302);
        ru.gospochta.TestStaff.ensureAdmin(db, passwords);
        WebClient admin = new WebClient(port);
        admin.signIn(ru.gospochta.TestStaff.ADMIN, ru.gospochta.TestStaff.PASSWORD);
        assertThat(admin.get("/cabinet").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("ACC-6: two requests of one session that both add the same attribute at once do not fail")
    @SuppressWarnings("unchecked")
    void concurrentNewAttribute() {
        Account citizen = TestCitizens.create(accounts, passwords);
        String id = TestCitizens.session(citizen, sessions);
        SessionRepository<Session> repository = (SessionRepository<Session>) sessions;
        // Both requests loaded the session before either saved: each sees the attribute as new.
        Session first = repository.findById(id);
        Session second = repository.findById(id);
        first.setAttribute("gospochta.test", "first");
        second.setAttribute("gospochta.test", "second");
        repository.save(first);
        repository.save(second);

        assertThat(repository.findById(id).<String>getAttribute("gospochta.test")).isEqualTo("second");
    }
}
