package ru.gospochta.identity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.support.SupportPages.assertRedirect;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.documents.ScanFiles;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.DataDirectory;

/** The requester's side of access recovery through support: what is stored, what is told, what is refused. */
@IdentityTest
class AccessRequestTests {

    static final int LIMIT = 10 * 1024 * 1024;

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;
    @Autowired DataDirectory dataDirectory;

    Account citizen;
    Path folder;

    @BeforeEach
    void fresh() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        folder = dataDirectory.folder("identity-documents");
    }

    @AfterEach
    void realTime() {
        clock.reset();
        Limits.reset(db);
    }

    @Test
    @DisplayName("CNT-7: data that names no account gets the very answer a matching request gets, and nothing is stored")
    void mismatchLooksTheSame() {
        String phone = TestCitizens.newPhone();
        Map<String, String> matching = SupportPages.fieldsOf(citizen, phone);
        // Case and «ё» for «е» do not matter: people type names either way.
        matching.put("surname", citizen.surname().toUpperCase());
        Map<String, String> wrongBirthDate = new HashMap<>(SupportPages.fieldsOf(citizen, phone));
        wrongBirthDate.put("birthDate", "18.05.1990");
        Map<String, String> wrongName = new HashMap<>(SupportPages.fieldsOf(citizen, phone));
        wrongName.put("name", "Марина");
        Map<String, String> unknownSnils = new HashMap<>(SupportPages.fieldsOf(citizen, phone));
        unknownSnils.put("snils", TestCitizens.newSnils());
        long audited = SupportPages.lastAuditSeq(db);

        String matched = answer(matching);
        Set<String> filesBefore = files();
        for (Map<String, String> mismatch : List.of(wrongBirthDate, wrongName, unknownSnils)) {
            assertThat(answer(mismatch)).isEqualTo(matched);
        }

        assertThat(SupportPages.pendingRequests(db, citizen.id())).hasSize(1);
        assertThat(SupportPages.requestsWithPhone(db, phone)).isEqualTo(1);
        assertThat(files()).isEqualTo(filesBefore);
        assertThat(SupportPages.auditAfter(db, audited, "identity.access-request"))
                .extracting(SupportPages.AuditRow::outcome).containsExactly("SUCCESS", "DENIED", "DENIED", "DENIED");
    }

    @Test
    @DisplayName("ACC-5: an account whose phone was never confirmed cannot be recovered this way, and nobody is told so")
    void registeredAccountIsNotRecovered() {
        db.sql("UPDATE identity.accounts SET state = 'REGISTERED' WHERE id = :id").param("id", citizen.id()).update();

        assertRedirect(SupportPages.request(port, new WebClient(port), db,
                SupportPages.fieldsOf(citizen, TestCitizens.newPhone())), SupportPages.DONE);

        assertThat(SupportPages.pendingRequests(db, citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("ACC-5: each field is checked with its own message, and the code goes nowhere until all are right")
    void fieldsAreChecked() {
        WebClient web = new WebClient(port);
        Map<String, String> fields = new HashMap<>(SupportPages.fieldsOf(citizen, "+7 495 123-45-67"));
        fields.put("snils", "112-233-445 96");
        fields.put("birthDate", "31.02.1990");
        fields.put("surname", "Ivanova");

        HttpResponse<String> page = SupportPages.ask(web, fields);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("Исправьте ошибки в форме").contains("Контрольное число СНИЛС не совпадает")
                .contains("Такой даты нет в календаре").contains("Используйте только русские буквы")
                .contains("Укажите номер мобильного телефона").contains("value=\"Ivanova\"");
        assertThat(db.sql("SELECT count(*) FROM identity.sms_sent").query(Long.class).single()).isZero();
        assertThat(web.get(SupportPages.CODE).headers().firstValue("Location")).hasValueSatisfying(
                to -> assertThat(to).endsWith(SupportPages.START));
    }

    @Test
    @DisplayName("ACC-5, ACC-7: a wrong code says how many tries are left, an expired one says so, and neither opens the scan page")
    void wrongAndExpiredCodes() {
        WebClient web = new WebClient(port);
        String phone = TestCitizens.newPhone();
        assertRedirect(SupportPages.ask(web, SupportPages.fieldsOf(citizen, phone)), SupportPages.CODE);
        String code = Limits.lastCode(db, phone);

        HttpResponse<String> wrong = SupportPages.enterCode(web, String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000));

        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Неверный код, осталось попыток: 4");
        assertRedirect(web.get(SupportPages.DOCUMENT), SupportPages.CODE);

        clock.advance(Duration.ofMinutes(6));
        HttpResponse<String> expired = SupportPages.enterCode(web, code);

        assertThat(expired.body()).contains("Срок действия кода истёк");
        assertRedirect(web.get(SupportPages.DOCUMENT), SupportPages.CODE);
        assertThat(SupportPages.requestsWithPhone(db, phone)).isZero();
    }

    @Test
    @DisplayName("ACC-5: the scan must follow within 30 minutes of the code")
    void scanTooLate() {
        WebClient web = new WebClient(port);
        String phone = TestCitizens.newPhone();
        assertRedirect(SupportPages.ask(web, SupportPages.fieldsOf(citizen, phone)), SupportPages.CODE);
        assertRedirect(SupportPages.enterCode(web, Limits.lastCode(db, phone)), SupportPages.DOCUMENT);
        String csrf = WebClient.csrfToken(web.get(SupportPages.DOCUMENT).body());
        clock.advance(Duration.ofMinutes(31));

        HttpResponse<String> late = new ru.gospochta.identity.documents.Multipart(port, web)
                .post(SupportPages.DOCUMENT, csrf, "scan", "scan.png", "image/png", ScanFiles.png());

        assertRedirect(late, SupportPages.START);
        assertThat(web.get(SupportPages.START).body()).contains("Время на подачу заявки истекло");
        assertThat(SupportPages.pendingRequests(db, citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("ACC-5, APL-2: a file of another type or over 10 MB is refused with its reason, nothing is kept, and a good scan may follow")
    void badScansAreRefused() {
        WebClient web = new WebClient(port);
        String phone = TestCitizens.newPhone();
        assertRedirect(SupportPages.ask(web, SupportPages.fieldsOf(citizen, phone)), SupportPages.CODE);
        assertRedirect(SupportPages.enterCode(web, Limits.lastCode(db, phone)), SupportPages.DOCUMENT);
        Set<String> filesBefore = files();
        long audited = SupportPages.lastAuditSeq(db);

        assertRedirect(SupportPages.upload(port, web, "scan.png", "image/png", ScanFiles.executable()), SupportPages.DOCUMENT);
        assertThat(web.get(SupportPages.DOCUMENT).body()).contains("Недопустимый формат файла");
        assertRedirect(SupportPages.upload(port, web, "scan.pdf", "application/pdf", ScanFiles.png()), SupportPages.DOCUMENT);
        assertThat(web.get(SupportPages.DOCUMENT).body()).contains("Тип содержимого не совпадает с файлом");
        assertRedirect(SupportPages.upload(port, web, "big.png", "image/png", ScanFiles.pngOfSize(LIMIT + 1)),
                SupportPages.DOCUMENT);
        assertThat(web.get(SupportPages.DOCUMENT).body()).contains("Размер превышает лимит");

        assertThat(SupportPages.pendingRequests(db, citizen.id())).isEmpty();
        assertThat(files()).isEqualTo(filesBefore);
        assertThat(SupportPages.auditAfter(db, audited, "identity.access-request"))
                .extracting(SupportPages.AuditRow::outcome).containsExactly("FAILURE", "FAILURE", "FAILURE");

        assertRedirect(SupportPages.upload(port, web, "scan.jpg", "image/jpeg", ScanFiles.jpeg()), SupportPages.DONE);
        assertThat(SupportPages.pendingRequests(db, citizen.id())).hasSize(1);
    }

    @Test
    @DisplayName("ACC-5: a new phone that already has an account is named so once its holder typed the code, and nothing goes on")
    void takenPhoneIsRefusedAfterItsCode() {
        Account other = TestCitizens.create(accounts, passwords);
        WebClient web = new WebClient(port);
        assertRedirect(SupportPages.ask(web, SupportPages.fieldsOf(citizen, other.phone())), SupportPages.CODE);

        assertRedirect(SupportPages.enterCode(web, Limits.lastCode(db, other.phone())), SupportPages.START);

        String page = web.get(SupportPages.START).body();
        assertThat(page).contains("уже привязан к учётной записи Госпочты").contains("value=\"Иванова\"");
        assertRedirect(web.get(SupportPages.DOCUMENT), SupportPages.START);
        assertThat(SupportPages.requestsWithPhone(db, other.phone())).isZero();
    }

    @Test
    @DisplayName("ACC-7, CNT-7: five requests for one SNILS make it wait, whichever address they come from")
    void requestsPerSnilsAreLimited() {
        for (int i = 0; i < 5; i++) {
            forgetSmsAndAddressCount();
            assertRedirect(SupportPages.request(port, new WebClient(port), db,
                    SupportPages.fieldsOf(citizen, TestCitizens.newPhone())), SupportPages.DONE);
        }
        forgetSmsAndAddressCount();

        HttpResponse<String> sixth = SupportPages.ask(new WebClient(port), SupportPages.fieldsOf(citizen, TestCitizens.newPhone()));

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Слишком много заявок на восстановление доступа").contains("15 минут");
        assertThat(SupportPages.pendingRequests(db, citizen.id())).hasSize(5);
        Account other = TestCitizens.create(accounts, passwords);
        assertRedirect(SupportPages.ask(new WebClient(port), SupportPages.fieldsOf(other, TestCitizens.newPhone())),
                SupportPages.CODE);

        clock.advance(Duration.ofMinutes(16));
        forgetSmsAndAddressCount();
        assertRedirect(SupportPages.ask(new WebClient(port), SupportPages.fieldsOf(citizen, TestCitizens.newPhone())),
                SupportPages.CODE);
    }

    @Test
    @DisplayName("ACC-7, CNT-7: five requests from one address make it wait, whatever SNILS they name")
    void requestsPerAddressAreLimited() {
        for (int i = 0; i < 5; i++) {
            db.sql("DELETE FROM identity.sms_sent").update();
            Map<String, String> fields = SupportPages.fieldsOf(citizen, TestCitizens.newPhone());
            fields.put("snils", TestCitizens.newSnils());
            assertRedirect(SupportPages.request(port, new WebClient(port), db, fields), SupportPages.DONE);
        }
        db.sql("DELETE FROM identity.sms_sent").update();

        HttpResponse<String> sixth = SupportPages.ask(new WebClient(port), SupportPages.fieldsOf(citizen, TestCitizens.newPhone()));

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Слишком много заявок на восстановление доступа");
        assertThat(SupportPages.pendingRequests(db, citizen.id())).isEmpty();
    }

    /** Every test request comes from 127.0.0.1: this lets the per-SNILS limit be seen on its own. */
    private void forgetSmsAndAddressCount() {
        db.sql("DELETE FROM identity.sms_sent").update();
        db.sql("DELETE FROM identity.sign_in_throttles WHERE subject LIKE 'access-request:ip:%'").update();
    }

    /** Makes a whole request as a new visitor and returns the answer page, its CSRF tokens blanked. */
    private String answer(Map<String, String> fields) {
        db.sql("DELETE FROM identity.sms_sent").update();
        WebClient web = new WebClient(port);
        assertRedirect(SupportPages.request(port, web, db, fields), SupportPages.DONE);
        HttpResponse<String> done = web.get(SupportPages.DONE);
        assertThat(done.statusCode()).isEqualTo(200);
        return SupportPages.withoutCsrf(done.body());
    }

    private Set<String> files() {
        try (var listing = java.nio.file.Files.list(folder)) {
            return listing.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
