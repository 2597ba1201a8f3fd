package ru.gospochta.identity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.support.SupportPages.assertRedirect;

import java.net.http.HttpResponse;
import java.time.Duration;
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

import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** The operator's side of access recovery: rejection, a phone taken meanwhile, and who may decide at all. */
@IdentityTest
class AccessRequestReviewTests {

    static final String OFFICER = "access-officer";

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired JdbcClient db;

    Account citizen;
    String newPhone;
    UUID request;
    WebClient operator;

    @BeforeEach
    void waitingRequest() {
        Limits.reset(db);
        TestStaff.ensure(db, passwords, SupportPages.OPERATOR, SupportPages.STAFF_PASSWORD, "SUPPORT_OPERATOR");
        TestStaff.ensure(db, passwords, OFFICER, SupportPages.STAFF_PASSWORD, "SECURITY_OFFICER");
        citizen = TestCitizens.create(accounts, passwords);
        newPhone = TestCitizens.newPhone();
        assertRedirect(SupportPages.request(port, new WebClient(port), db, SupportPages.fieldsOf(citizen, newPhone)),
                SupportPages.DONE);
        request = SupportPages.pendingRequests(db, citizen.id()).getFirst();
        operator = new WebClient(port);
        operator.signIn(SupportPages.OPERATOR, SupportPages.STAFF_PASSWORD);
    }

    @AfterEach
    void noLimitsLeft() {
        Limits.reset(db);
    }

    @Test
    @DisplayName("CNT-7: a rejection sends its reason by SMS to the new phone and changes nothing in the account")
    void rejectionChangesNothing() {
        WebClient elsewhere = TestCitizens.signedIn(port, citizen, sessions);
        String reason = "На скане не читаются серия и номер паспорта";
        long audited = SupportPages.lastAuditSeq(db);

        HttpResponse<String> rejected = SupportPages.decide(operator, request, "reject", Map.of("reason", reason));

        assertRedirect(rejected, SupportPages.QUEUE);
        assertThat(operator.get(SupportPages.QUEUE).body()).contains("Заявка на восстановление доступа отклонена");
        Account after = accounts.byId(citizen.id()).orElseThrow();
        assertThat(after.phone()).isEqualTo(citizen.phone());
        assertThat(after.passwordHash()).isEqualTo(citizen.passwordHash());
        assertThat(after.passwordVersion()).isEqualTo(citizen.passwordVersion());
        assertThat(elsewhere.get("/cabinet").statusCode()).as("sessions go on").isEqualTo(200);
        assertThat(SupportPages.status(db, request)).isEqualTo("REJECTED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SupportPages.smsTo(db, newPhone).stream()
                .anyMatch(text -> text.contains("не принята") && text.contains(reason)));
        assertThat(SupportPages.smsTo(db, citizen.phone())).isEmpty();
        assertThat(SupportPages.auditAfter(db, audited, "identity.document.reject")).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("staff:" + SupportPages.OPERATOR));
        assertThat(SupportPages.auditAfter(db, audited, "contacts.emails-reset")).isEmpty();
    }

    @Test
    @DisplayName("CNT-7: a rejection needs a reason, as for any document")
    void rejectionNeedsReason() {
        HttpResponse<String> blank = SupportPages.decide(operator, request, "reject", Map.of("reason", "  "));

        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("Укажите причину отказа").contains("Восстановление доступа");
        assertThat(SupportPages.status(db, request)).isEqualTo("PENDING");
    }

    @Test
    @DisplayName("CNT-7: when the new phone got an account meanwhile, approval is refused with its own message and nothing changes")
    void phoneTakenMeanwhile() {
        Account other = TestCitizens.create(accounts, passwords);
        assertThat(accounts.changePhone(other.id(), newPhone)).isTrue();
        long audited = SupportPages.lastAuditSeq(db);

        HttpResponse<String> approved = SupportPages.decide(operator, request, "approve", Map.of());

        assertThat(approved.statusCode()).isEqualTo(409);
        assertThat(approved.body()).contains("новый номер уже привязан к другой учётной записи");
        Account after = accounts.byId(citizen.id()).orElseThrow();
        assertThat(after.phone()).isEqualTo(citizen.phone());
        assertThat(after.passwordHash()).isEqualTo(citizen.passwordHash());
        assertThat(SupportPages.status(db, request)).isEqualTo("PENDING");
        assertThat(SupportPages.auditAfter(db, audited, "identity.document.approve")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo("FAILURE");
                    assertThat(entry.details()).contains("phone-taken");
                });
    }

    @Test
    @DisplayName("SEC-3: neither a citizen, nor a visitor, nor staff other than support and administrators reach a request")
    void onlyReviewersReachRequests() {
        WebClient citizenBrowser = TestCitizens.signedIn(port, citizen, sessions);
        WebClient officer = new WebClient(port);
        officer.signIn(OFFICER, SupportPages.STAFF_PASSWORD);
        WebClient admin = new WebClient(port);
        TestStaff.ensureAdmin(db, passwords);
        admin.signIn(TestStaff.ADMIN, TestStaff.PASSWORD);
        String page = SupportPages.QUEUE + "/" + request;

        assertThat(citizenBrowser.get(SupportPages.QUEUE).statusCode()).isIn(403, 404);
        assertThat(citizenBrowser.get(page).statusCode()).isIn(403, 404);
        assertThat(citizenBrowser.get(page + "/file").statusCode()).isIn(403, 404);
        HttpResponse<String> anonymous = new WebClient(port).get(page);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/login"));
        assertThat(officer.get(SupportPages.QUEUE).statusCode()).isEqualTo(403);
        assertThat(officer.get(page).statusCode()).isEqualTo(403);
        assertThat(officer.postForm(page + "/approve", Map.of("_csrf",
                WebClient.csrfToken(officer.get("/admin").body()))).statusCode()).isEqualTo(403);
        assertThat(new WebClient(port).postForm(page + "/approve", Map.of()).statusCode()).isIn(302, 403);
        assertThat(SupportPages.status(db, request)).isEqualTo("PENDING");
        assertThat(accounts.byId(citizen.id()).orElseThrow().phone()).isEqualTo(citizen.phone());

        assertThat(operator.get(page).statusCode()).isEqualTo(200);
        assertThat(admin.get(page).statusCode()).isEqualTo(200);
        assertThat(admin.get(SupportPages.QUEUE).body()).contains("Восстановление доступа");
    }
}
