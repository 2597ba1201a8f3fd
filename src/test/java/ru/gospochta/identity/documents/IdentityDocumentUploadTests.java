package ru.gospochta.identity.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.SessionRepository;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.DataDirectory;

/** The citizen's side of identity confirmation by an operator, through real HTTP uploads. */
@IntegrationTest
class IdentityDocumentUploadTests {

    static final String PAGE = "/identity-confirmation";
    static final String UPLOAD = "/identity-confirmation/document";
    static final int LIMIT = 10 * 1024 * 1024;

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<?> sessions;
    @Autowired JdbcClient db;
    @Autowired DataDirectory dataDirectory;

    Account citizen;
    WebClient browser;
    Multipart uploads;
    Path folder;

    @BeforeEach
    void signedInCitizen() {
        citizen = TestCitizens.create(accounts, passwords);
        browser = TestCitizens.signedIn(port, citizen, sessions);
        uploads = new Multipart(port, browser);
        folder = dataDirectory.folder("identity-documents");
    }

    @Test
    @DisplayName("ACC-2: an active account sees its state in words and the upload form")
    void activeAccountSeesStateAndForm() {
        HttpResponse<String> page = browser.get(PAGE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Ваша учётная запись:").contains("Активна")
                .contains("Юридически значимые действия").contains("name=\"scan\"").contains("не больше 10 МБ");
    }

    @Test
    @DisplayName("ACC-2, APL-2: a PNG scan is kept under a random name and waits as PENDING")
    void pngScanWaitsForOperator() throws Exception {
        byte[] png = ScanFiles.png();

        HttpResponse<String> response = upload("паспорт разворот.png", "image/png", png);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith(PAGE));
        DocumentRows.Row row = singleRow();
        assertThat(row.status()).isEqualTo("PENDING");
        assertThat(row.contentType()).isEqualTo("image/png");
        assertThat(row.sizeBytes()).isEqualTo(png.length);
        assertThat(row.storedName()).matches("[0-9a-f]{32}\\.png");
        assertThat(Files.readAllBytes(folder.resolve(row.storedName()))).isEqualTo(png);
        assertThat(browser.get(PAGE).body()).contains("Документ загружен и отправлен на проверку")
                .contains("Документ на проверке");
    }

    @Test
    @DisplayName("ACC-2, APL-2: a PDF and a JPEG scan are accepted by their bytes")
    void pdfAndJpegAreAccepted() {
        upload("scan.pdf", "application/pdf", ScanFiles.pdf());
        assertThat(singleRow().contentType()).isEqualTo("application/pdf");

        upload("scan.JPEG", "image/jpeg", ScanFiles.jpeg());
        assertThat(singleRow().contentType()).isEqualTo("image/jpeg");
    }

    @Test
    @DisplayName("ACC-2: a new upload replaces the pending document, row and file")
    void newUploadReplacesPending() {
        upload("first.png", "image/png", ScanFiles.png());
        String first = singleRow().storedName();

        upload("second.pdf", "application/pdf", ScanFiles.pdf());

        DocumentRows.Row second = singleRow();
        assertThat(second.storedName()).isNotEqualTo(first);
        assertThat(folder.resolve(first)).doesNotExist();
        assertThat(folder.resolve(second.storedName())).exists();
    }

    @Test
    @DisplayName("APL-2: a file of exactly 10 MB is accepted, the limit is inclusive")
    void exactlyTheLimitIsAccepted() {
        upload("big.png", "image/png", ScanFiles.pngOfSize(LIMIT));

        assertThat(singleRow().sizeBytes()).isEqualTo(LIMIT);
    }

    static Object[][] refusals() {
        return new Object[][] {
                {"a .pdf name over PNG bytes", "scan.pdf", "application/pdf", ScanFiles.png(), "Тип содержимого не совпадает с файлом"},
                {"a declared PDF type over PNG bytes", "scan.png", "application/pdf", ScanFiles.png(), "Тип содержимого не совпадает с файлом"},
                {"a .exe name over JPEG bytes", "scan.exe", "application/octet-stream", ScanFiles.jpeg(), "Тип содержимого не совпадает с файлом"},
                {"an executable", "setup.exe", "application/x-msdownload", ScanFiles.executable(), "Недопустимый формат файла"},
                {"an executable named as an image", "scan.png", "image/png", ScanFiles.executable(), "Недопустимый формат файла"},
                {"a zip archive", "scans.zip", "application/zip", ScanFiles.docm(), "Недопустимый формат файла"},
                {"a Word document with macros", "scan.docm", "application/vnd.ms-word.document.macroEnabled.12", ScanFiles.docm(), "Недопустимый формат файла"},
                {"plain text", "scan.txt", "text/plain", "паспорт 4506 123456".getBytes(java.nio.charset.StandardCharsets.UTF_8), "Недопустимый формат файла"},
                {"an empty file", "scan.png", "image/png", new byte[0], "Файл не найден"},
                {"a file without a name", "", "application/octet-stream", new byte[0], "Файл не найден"},
                {"10 MB and one byte", "big.png", "image/png", ScanFiles.pngOfSize(LIMIT + 1), "Размер превышает лимит"},
                {"12 MB, refused unread by its declared length", "big.png", "image/png", ScanFiles.pngOfSize(12 * 1024 * 1024), "Размер превышает лимит"},
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @DisplayName("APL-2: a refused upload says what is wrong and leaves no row and no file")
    void refusedUploadLeavesNothing(String what, String name, String type, byte[] content, String message) {
        Set<String> filesBefore = DocumentRows.files(folder);
        long audited = DocumentRows.lastAuditSeq(db);

        HttpResponse<String> response = upload(name, type, content);

        assertThat(response.statusCode()).as(what).isEqualTo(302);
        assertThat(browser.get(PAGE).body()).as(what).contains(message).contains("role=\"alert\"");
        assertThat(DocumentRows.of(db, citizen.id())).as(what).isEmpty();
        assertThat(DocumentRows.files(folder)).as(what).isEqualTo(filesBefore);
        assertThat(DocumentRows.auditAfter(db, audited, "identity.document.upload")).as(what).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("citizen:" + citizen.id());
                    assertThat(entry.outcome()).isEqualTo("FAILURE");
                });
    }

    @Test
    @DisplayName("APL-2: a form sent without any file part is told «Файл не найден»")
    void formWithoutFilePart() {
        uploads.postWithoutFile(UPLOAD, csrf());

        assertThat(browser.get(PAGE).body()).contains("Файл не найден");
        assertThat(DocumentRows.of(db, citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("ACC-2: a refusal message appears once; the page after it is clean again")
    void refusalIsShownOnce() {
        upload("scan.exe", "application/x-msdownload", ScanFiles.executable());

        assertThat(browser.get(PAGE).body()).contains("Недопустимый формат файла");
        assertThat(browser.get(PAGE).body()).doesNotContain("Недопустимый формат файла");
    }

    @Test
    @DisplayName("ACC-2: a registered account is told to confirm its phone first and cannot upload")
    void registeredAccountMustConfirmPhoneFirst() {
        String csrf = csrf();
        setState("REGISTERED");

        assertThat(browser.get(PAGE).body()).contains("Зарегистрирована")
                .contains("Сначала подтвердите номер телефона").doesNotContain("name=\"scan\"");
        uploads.post(UPLOAD, csrf, "scan", "scan.png", "image/png", ScanFiles.png());
        assertThat(browser.get(PAGE).body()).contains("Загрузить документ нельзя");
        assertThat(DocumentRows.of(db, citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("ACC-2: a confirmed account is told nothing is needed and has no form")
    void confirmedAccountNeedsNothing() {
        setState("CONFIRMED");

        assertThat(browser.get(PAGE).body()).contains("Подтверждена").contains("ничего делать не нужно")
                .doesNotContain("name=\"scan\"");
    }

    @Test
    @DisplayName("SEC-3: an upload without the CSRF token is refused with 403 and stores nothing")
    void uploadWithoutCsrfIsForbidden() {
        Set<String> filesBefore = DocumentRows.files(folder);

        HttpResponse<String> response = uploads.post(UPLOAD, "", "scan", "scan.png", "image/png", ScanFiles.png());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(DocumentRows.of(db, citizen.id())).isEmpty();
        assertThat(DocumentRows.files(folder)).isEqualTo(filesBefore);
    }

    @Test
    @DisplayName("SEC-3: the page is closed to visitors who are not signed in")
    void anonymousVisitorIsSentToSignIn() {
        HttpResponse<String> response = new WebClient(port).get(PAGE);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    private HttpResponse<String> upload(String name, String type, byte[] content) {
        return uploads.post(UPLOAD, csrf(), "scan", name, type, content);
    }

    private String csrf() {
        return WebClient.csrfToken(browser.get(PAGE).body());
    }

    private DocumentRows.Row singleRow() {
        var rows = DocumentRows.of(db, citizen.id());
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private void setState(String state) {
        db.sql("UPDATE identity.accounts SET state = :state WHERE id = :id")
                .param("state", state).param("id", citizen.id()).update();
    }
}
