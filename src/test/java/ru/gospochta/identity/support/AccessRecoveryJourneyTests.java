package ru.gospochta.identity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.support.SupportPages.assertRedirect;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.MutableClock;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.contacts.internal.email.EmailAddresses;
import ru.gospochta.contacts.internal.email.EmailAddresses.Kind;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.BackupPhones;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.BackupCodes;
import ru.gospochta.identity.internal.factors.Totp;

/**
 * The whole way back into an account that lost its phone, its e-mail and its authenticator app:
 * the request, the operator's approval, the new password through «Забыли пароль?», the sign-in.
 */
@IdentityTest
class AccessRecoveryJourneyTests {

    static final String NEW_PASSWORD = "Tayga-Ozero#Solnce58";

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;
    @Autowired SecretSeal seal;
    @Autowired BackupCodes backupCodes;
    @Autowired BackupCodeStore backupStore;
    @Autowired BackupPhones backupPhones;
    @Autowired EmailAddresses emails;

    Account citizen;
    WebClient operator;

    @BeforeEach
    void citizenWhoLostEverything() {
        Limits.reset(db);
        TestStaff.ensure(db, passwords, SupportPages.OPERATOR, SupportPages.STAFF_PASSWORD, "SUPPORT_OPERATOR");
        citizen = TestCitizens.create(accounts, passwords);
        accounts.setTotp(citizen.id(), seal.seal(citizen.id(), Totp.newSecret().bytes()), 0);
        accounts.setTwoStep(citizen.id(), true, Account.SecondFactorMethod.TOTP);
        backupStore.replace(citizen.id(), backupCodes.issue().hashes());
        emails.restore(citizen.id(), Kind.PRIMARY, "lost-" + citizen.id() + "@example.ru", Instant.now());
        emails.restore(citizen.id(), Kind.BACKUP, "backup-" + citizen.id() + "@example.ru", Instant.now());
        backupPhones.set(citizen.id(), TestCitizens.newPhone(), Instant.now());
        operator = new WebClient(port);
        operator.signIn(SupportPages.OPERATOR, SupportPages.STAFF_PASSWORD);
    }

    @AfterEach
    void realTime() {
        clock.reset();
        Limits.reset(db);
    }

    @Test
    @DisplayName("CNT-7, ACC-5: request with a new phone and a scan, approval, new password by «Забыли пароль?», sign-in with the new phone")
    void wholeJourney() {
        String oldPhone = citizen.phone();
        String newPhone = TestCitizens.newPhone();
        WebClient elsewhere = TestCitizens.signedIn(port, citizen, sessions);
        assertThat(elsewhere.get("/cabinet").statusCode()).as("signed in elsewhere before").isEqualTo(200);

        WebClient visitor = new WebClient(port);
        assertThat(visitor.get("/recover").body()).contains("Нет доступа ни к телефону, ни к почте?")
                .contains("href=\"/recover/support\"");
        assertRedirect(SupportPages.ask(visitor, SupportPages.fieldsOf(citizen, newPhone)), SupportPages.CODE);
        assertThat(Limits.lastSms(db, newPhone)).contains("заявке на восстановление доступа");
        assertThat(SupportPages.smsTo(db, oldPhone)).as("the lost phone hears nothing of the request").isEmpty();
        assertRedirect(SupportPages.enterCode(visitor, Limits.lastCode(db, newPhone)), SupportPages.DOCUMENT);
        assertRedirect(SupportPages.upload(port, visitor, "паспорт.png", "image/png",
                ru.gospochta.identity.documents.ScanFiles.png()), SupportPages.DONE);
        String answer = visitor.get(SupportPages.DONE).body();
        assertThat(answer).contains("Заявка принята").contains("+7 916 ***-**-" + newPhone.substring(10))
                .doesNotContain(newPhone);

        UUID request = SupportPages.pendingRequests(db, citizen.id()).getFirst();
        String queue = operator.get(SupportPages.QUEUE).body();
        assertThat(queue).contains(SupportPages.QUEUE + "/" + request).contains("Восстановление доступа");
        String review = operator.get(SupportPages.QUEUE + "/" + request).body();
        assertThat(review).contains("Заявка на восстановление доступа").contains("Иванова Мария Петровна")
                .contains("17.05.1990").contains("45 06 123456")
                .contains("+7 916 ***-**-" + newPhone.substring(10)).doesNotContain(newPhone).doesNotContain(oldPhone)
                .contains("Восстановить доступ");
        long audited = SupportPages.lastAuditSeq(db);

        assertRedirect(SupportPages.decide(operator, request, "approve", Map.of()), SupportPages.QUEUE);

        assertThat(operator.get(SupportPages.QUEUE).body()).contains("Доступ восстановлен");
        Account restored = accounts.byId(citizen.id()).orElseThrow();
        assertThat(restored.phone()).isEqualTo(newPhone);
        assertThat(restored.hasTotp()).as("the app was lost with the phone").isFalse();
        assertThat(backupStore.unused(citizen.id())).isEmpty();
        assertThat(backupPhones.of(citizen.id())).as("the backup phone was a lost channel too").isEmpty();
        assertThat(restored.twoStepEnabled()).isTrue();
        assertThat(restored.twoStepMethod()).isEqualTo(Account.SecondFactorMethod.SMS);
        assertThat(restored.passwordVersion()).as("remembered devices are forgotten").isGreaterThan(citizen.passwordVersion());
        assertThat(passwords.matches(TestCitizens.PASSWORD, restored.passwordHash())).as("the old password is void").isFalse();
        assertThat(elsewhere.get("/cabinet").statusCode()).as("every session ended").isEqualTo(302);
        assertThat(SupportPages.status(db, request)).isEqualTo("APPROVED");
        assertThat(SupportPages.auditAfter(db, audited, "identity.document.approve")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("staff:" + SupportPages.OPERATOR);
            assertThat(entry.details()).contains("ACCESS_RECOVERY").doesNotContain(newPhone);
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> emailsOf(citizen.id()) == 0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                !SupportPages.auditAfter(db, audited, "contacts.emails-reset").isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SupportPages.smsTo(db, newPhone).stream()
                .anyMatch(text -> text.contains("доступ к учётной записи восстановлен")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SupportPages.smsTo(db, oldPhone).stream()
                .anyMatch(text -> text.contains("больше не привязан")));

        Limits.reset(db);
        WebClient recovering = new WebClient(port);
        assertRedirect(recovering.postForm("/recover", Map.of("identifier", newPhone,
                "_csrf", WebClient.csrfToken(recovering.get("/recover").body()))), "/recover/code");
        assertRedirect(recovering.postForm("/recover/code", Map.of("code", Limits.lastCode(db, newPhone),
                "_csrf", WebClient.csrfToken(recovering.get("/recover/code").body()))), "/recover/password");
        assertRedirect(recovering.postForm("/recover/password", Map.of("password", NEW_PASSWORD, "repeated", NEW_PASSWORD,
                "_csrf", WebClient.csrfToken(recovering.get("/recover/password").body()))), "/login?recovered");

        Limits.reset(db);
        WebClient signingIn = new WebClient(port);
        assertRedirect(signIn(signingIn, newPhone, NEW_PASSWORD), "/login/second-factor");
        assertThat(signingIn.get("/login/second-factor").body()).doesNotContain("приложения-аутентификатора");
        String page = signingIn.get("/login/second-factor").body();
        assertRedirect(signingIn.postForm("/login/second-factor", Map.of("method", "SMS",
                "code", Limits.lastCode(db, newPhone), "remember", "false", "_csrf", WebClient.csrfToken(page))), "/cabinet");
        assertThat(signingIn.get("/cabinet").body()).contains("Мария");

        HttpResponse<String> oldPhoneSignIn = signIn(new WebClient(port), oldPhone, NEW_PASSWORD);
        assertThat(oldPhoneSignIn.statusCode()).as("the old phone leads nowhere").isEqualTo(401);
    }

    @Test
    @DisplayName("CNT-7: a second request waiting for the same account is turned down when the first restores access")
    void approvalClosesOtherRequests() {
        String first = TestCitizens.newPhone();
        String second = TestCitizens.newPhone();
        SupportPages.request(port, new WebClient(port), db, SupportPages.fieldsOf(citizen, first));
        Limits.reset(db);
        SupportPages.request(port, new WebClient(port), db, SupportPages.fieldsOf(citizen, second));
        List<UUID> waiting = SupportPages.pendingRequests(db, citizen.id());
        assertThat(waiting).hasSize(2);
        assertThat(operator.get(SupportPages.QUEUE + "/" + waiting.get(0)).body())
                .contains("Ещё заявок на восстановление доступа к этой учётной записи: 1");

        assertRedirect(SupportPages.decide(operator, waiting.get(0), "approve", Map.of()), SupportPages.QUEUE);

        assertThat(accounts.byId(citizen.id()).orElseThrow().phone()).isEqualTo(first);
        assertThat(SupportPages.status(db, waiting.get(1))).isEqualTo("REJECTED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SupportPages.smsTo(db, second).stream()
                .anyMatch(text -> text.contains("не принята") && text.contains("по другой заявке")));
        assertThat(SupportPages.decide(operator, waiting.get(1), "approve", Map.of()).statusCode()).isEqualTo(409);
        assertThat(accounts.byId(citizen.id()).orElseThrow().phone()).isEqualTo(first);
    }

    private long emailsOf(UUID account) {
        return db.sql("SELECT count(*) FROM contacts.email_addresses WHERE account_id = :account")
                .param("account", account).query(Long.class).single();
    }

    private static HttpResponse<String> signIn(WebClient client, String identifier, String password) {
        String page = client.get("/login").body();
        return client.postForm("/login", Map.of("identifier", identifier, "password", password,
                "_csrf", WebClient.csrfToken(page)));
    }
}
