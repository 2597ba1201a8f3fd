package ru.gospochta.identity.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.SessionRepository;

import ru.gospochta.IntegrationTest;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** The operators' side of identity confirmation: queue, review, the scan itself and the decisions. */
@IntegrationTest
class IdentityDocumentReviewTests {

    static final String QUEUE = "/admin/identity-documents";
    static final String SUPPORT = "docs-support";
    static final String OFFICER = "docs-officer";
    static final String STAFF_PASSWORD = "Supp0rt-Docs-Pass!";
    static final String APPROVED_SMS = "Госпочта: ваша учётная запись подтверждена";

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<?> sessions;
    @Autowired JdbcClient db;

    Account citizen;
    WebClient citizenBrowser;
    WebClient operator;

    @BeforeEach
    void citizenAndOperator() {
        TestStaff.ensure(db, passwords, SUPPORT, STAFF_PASSWORD, "SUPPORT_OPERATOR");
        TestStaff.ensure(db, passwords, OFFICER, STAFF_PASSWORD, "SECURITY_OFFICER");
        citizen = TestCitizens.create(accounts, passwords);
        citizenBrowser = TestCitizens.signedIn(port, citizen, sessions);
        operator = new WebClient(port);
        operator.signIn(SUPPORT, STAFF_PASSWORD);
    }

    @Test
    @DisplayName("ACC-2: the queue lists pending documents oldest first with masked SNILS and phone")
    void queueListsOldestFirstMasked() {
        UUID older = submit(citizen, citizenBrowser, "a.png", ScanFiles.png());
        Account second = TestCitizens.create(accounts, passwords);
        UUID newer = submit(second, TestCitizens.signedIn(port, second, sessions), "b.png", ScanFiles.png());

        HttpResponse<String> queue = operator.get(QUEUE);

        assertThat(queue.statusCode()).isEqualTo(200);
        String page = queue.body();
        assertThat(page.indexOf(QUEUE + "/" + older)).isPositive().isLessThan(page.indexOf(QUEUE + "/" + newer));
        String snils = citizen.snils();
        assertThat(page).contains("***-***-" + snils.substring(6, 9) + " " + snils.substring(9))
                .doesNotContain(snils.substring(0, 3) + "-" + snils.substring(3, 6))
                .contains("+7 916 ***-**-" + citizen.phone().substring(citizen.phone().length() - 2))
                .doesNotContain(citizen.phone());
    }

    @Test
    @DisplayName("ACC-2: the review page shows the declared data beside an image scan served inline and safely")
    void reviewShowsDeclaredDataAndImage() {
        byte[] png = ScanFiles.png();
        UUID id = submit(citizen, citizenBrowser, "scan.png", png);

        String page = operator.get(QUEUE + "/" + id).body();

        assertThat(page).contains("Иванова Мария Петровна").contains("17.05.1990").contains("45 06 123456")
                .contains("<img src=\"" + QUEUE + "/" + id + "/file\"");
        HttpResponse<byte[]> file = bytes(operator, QUEUE + "/" + id + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(png);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("inline"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'").contains("sandbox"));
        assertThat(file.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    }

    @Test
    @DisplayName("ACC-2: a PDF scan is offered as a download, never shown inline")
    void pdfIsDownloaded() {
        UUID id = submit(citizen, citizenBrowser, "scan.pdf", ScanFiles.pdf());

        String page = operator.get(QUEUE + "/" + id).body();
        HttpResponse<byte[]> file = bytes(operator, QUEUE + "/" + id + "/file");

        assertThat(page).doesNotContain("<img src=\"" + QUEUE + "/" + id).contains(QUEUE + "/" + id + "/file");
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains(".pdf"));
    }

    @Test
    @DisplayName("ACC-2, SEC-4: approval confirms the account, tells the citizen by SMS and is audited")
    void approvalConfirmsAccount() {
        UUID id = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());
        long audited = DocumentRows.lastAuditSeq(db);

        HttpResponse<String> response = decide(id, "approve", Map.of());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(operator.get(QUEUE).body()).contains("Документ принят");
        assertThat(accounts.byId(citizen.id()).orElseThrow().state()).isEqualTo(AccountState.CONFIRMED);
        DocumentRows.Row row = DocumentRows.of(db, citizen.id()).get(0);
        assertThat(row.status()).isEqualTo("APPROVED");
        assertThat(row.reviewer()).isEqualTo(SUPPORT);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> DocumentRows.smsCaught(db, citizen.phone(), APPROVED_SMS));
        assertThat(DocumentRows.auditAfter(db, audited, "identity.document.approve")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("staff:" + SUPPORT);
            assertThat(entry.target()).isEqualTo("identity-document:" + id);
            assertThat(entry.outcome()).isEqualTo("SUCCESS");
        });
        assertThat(citizenBrowser.get("/identity-confirmation").body()).contains("Подтверждена").contains("Документ принят");
    }

    @Test
    @DisplayName("ACC-2: rejection with a reason shows the reason in the citizen's page and asks for a new scan")
    void rejectionShowsReasonToCitizen() {
        UUID id = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());
        long audited = DocumentRows.lastAuditSeq(db);
        String reason = "Фотография размыта, серия и номер паспорта не читаются";

        HttpResponse<String> response = decide(id, "reject", Map.of("reason", "  " + reason + "\r\n"));

        assertThat(response.statusCode()).isEqualTo(302);
        DocumentRows.Row row = DocumentRows.of(db, citizen.id()).get(0);
        assertThat(row.status()).isEqualTo("REJECTED");
        assertThat(row.reason()).isEqualTo(reason);
        assertThat(accounts.byId(citizen.id()).orElseThrow().state()).isEqualTo(AccountState.ACTIVE);
        String page = citizenBrowser.get("/identity-confirmation").body();
        assertThat(page).contains("Документ не принят").contains(reason).contains("name=\"scan\"");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
                "SELECT count(*) FROM platform.caught_sms WHERE phone = :phone AND text LIKE '%личном кабинете%'")
                .param("phone", citizen.phone()).query(Long.class).single() > 0);
        assertThat(DocumentRows.auditAfter(db, audited, "identity.document.reject")).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("staff:" + SUPPORT));
    }

    @Test
    @DisplayName("ACC-2: a rejection without a reason, or with one over 500 characters, is refused")
    void rejectionNeedsReason() {
        UUID id = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());

        HttpResponse<String> blank = decide(id, "reject", Map.of("reason", "   "));
        HttpResponse<String> missing = decide(id, "reject", Map.of());
        HttpResponse<String> tooLong = decide(id, "reject", Map.of("reason", "я".repeat(501)));

        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("Укажите причину отказа");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("не длиннее 500 символов").contains("я".repeat(501));
        assertThat(DocumentRows.of(db, citizen.id()).get(0).status()).isEqualTo("PENDING");
        assertThat(decide(id, "reject", Map.of("reason", "я".repeat(500))).statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("ACC-2: an account that is no longer active is not approved, with an explanation")
    void approvalOfAccountNotActiveIsRefused() {
        UUID id = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());
        accounts.changeState(citizen.id(), AccountState.ACTIVE, AccountState.CONFIRMED, java.time.Instant.now());
        long audited = DocumentRows.lastAuditSeq(db);

        HttpResponse<String> response = decide(id, "approve", Map.of());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("Подтвердить нельзя").contains("«Подтверждена»");
        assertThat(DocumentRows.of(db, citizen.id()).get(0).status()).isEqualTo("PENDING");
        assertThat(DocumentRows.auditAfter(db, audited, "identity.document.approve")).singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo("FAILURE"));
    }

    @Test
    @DisplayName("ACC-2: a document already decided cannot be decided again")
    void decidedDocumentStaysDecided() {
        UUID id = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());
        decide(id, "reject", Map.of("reason", "Не тот документ"));

        HttpResponse<String> again = decide(id, "approve", Map.of());

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("уже принято решение");
        assertThat(accounts.byId(citizen.id()).orElseThrow().state()).isEqualTo(AccountState.ACTIVE);
    }

    @Test
    @DisplayName("SEC-3: a citizen reaches neither the queue nor any scan, not even their own")
    void citizenIsKeptOut() {
        UUID own = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());
        Account other = TestCitizens.create(accounts, passwords);
        UUID others = submit(other, TestCitizens.signedIn(port, other, sessions), "scan.png", ScanFiles.png());

        assertThat(citizenBrowser.get(QUEUE).statusCode()).isIn(403, 404);
        assertThat(citizenBrowser.get(QUEUE + "/" + others).statusCode()).isIn(403, 404);
        assertThat(bytes(citizenBrowser, QUEUE + "/" + others + "/file").statusCode()).isIn(403, 404);
        assertThat(bytes(citizenBrowser, QUEUE + "/" + own + "/file").statusCode()).isIn(403, 404);
        assertThat(citizenBrowser.get("/identity-confirmation").body()).doesNotContain(others.toString());
    }

    @Test
    @DisplayName("SEC-3: support operators and administrators may review; other staff may not; strangers sign in first")
    void onlyReviewersReachTheQueue() {
        WebClient admin = new WebClient(port);
        TestStaff.ensureAdmin(db, passwords);
        admin.signIn(TestStaff.ADMIN, TestStaff.PASSWORD);
        WebClient officer = new WebClient(port);
        officer.signIn(OFFICER, STAFF_PASSWORD);
        HttpResponse<String> anonymous = new WebClient(port).get(QUEUE);

        assertThat(operator.get(QUEUE).statusCode()).isEqualTo(200);
        assertThat(admin.get(QUEUE).statusCode()).isEqualTo(200);
        assertThat(officer.get(QUEUE).statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/login"));
    }

    @Test
    @DisplayName("SEC-3: a decision without the CSRF token is refused with 403 and changes nothing")
    void decisionWithoutCsrfIsForbidden() {
        UUID id = submit(citizen, citizenBrowser, "scan.png", ScanFiles.png());

        HttpResponse<String> response = operator.postForm(QUEUE + "/" + id + "/approve", Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(DocumentRows.of(db, citizen.id()).get(0).status()).isEqualTo("PENDING");
        assertThat(accounts.byId(citizen.id()).orElseThrow().state()).isEqualTo(AccountState.ACTIVE);
    }

    /** Uploads through the citizen's page and returns the pending document's id. */
    private UUID submit(Account account, WebClient browser, String name, byte[] content) {
        String csrf = WebClient.csrfToken(browser.get("/identity-confirmation").body());
        String type = name.endsWith(".pdf") ? "application/pdf" : "image/png";
        new Multipart(port, browser).post("/identity-confirmation/document", csrf, "scan", name, type, content);
        return DocumentRows.of(db, account.id()).stream().filter(r -> r.status().equals("PENDING")).findFirst()
                .orElseThrow(() -> new AssertionError("the upload was not accepted")).id();
    }

    private HttpResponse<String> decide(UUID id, String decision, Map<String, String> fields) {
        // From the queue's sign-out form: a decided document's page has no form to take it from.
        String csrf = WebClient.csrfToken(operator.get(QUEUE).body());
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("_csrf", csrf);
        return operator.postForm(QUEUE + "/" + id + "/" + decision, form);
    }

    /** A GET that keeps the body as bytes, in the given browser's session. */
    private HttpResponse<byte[]> bytes(WebClient browser, String path) {
        String cookie = browser.cookie("GOSPOCHTA_SESSION").orElse("");
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", "GOSPOCHTA_SESSION=" + cookie).GET().build();
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
