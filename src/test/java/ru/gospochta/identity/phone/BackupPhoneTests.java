package ru.gospochta.identity.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.phone.PhonePages.BASE;
import static ru.gospochta.identity.phone.PhonePages.location;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import ru.gospochta.WebClient;
import ru.gospochta.identity.CitizenPhones;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupPhones;

/** A backup phone added, replaced and removed from «Контактные данные», over real HTTP (CNT-5). */
@IdentityTest
class BackupPhoneTests {

    @Autowired JdbcClient db;
    @Autowired Accounts accounts;
    @Autowired BackupPhones backupPhones;
    @Autowired CitizenPhones citizenPhones;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    Account citizen;
    WebClient browser;

    @BeforeEach
    void signedIn() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
        browser = TestCitizens.signedIn(port, citizen, sessions);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    Optional<UUID> ownerOf(String phone) {
        return accounts.byBackupPhone(phone).map(Account::id);
    }

    @Test
    @DisplayName("CNT-5: a backup phone is added after the re-check and confirmed by a code sent to it; the main phone is told")
    void addsBackupPhone() {
        String backup = TestCitizens.newPhone();
        assertThat(browser.get("/cabinet/contacts").body()).contains("Резервный телефон", "id=\"add-backup-phone\"");
        assertThat(browser.get(BASE + "backup").body()).contains("отправленного на ваш основной номер", "Нет доступа к основному номеру");

        HttpResponse<String> done = PhonePages.change(browser, db, citizen, "backup", backup);

        assertThat(location(done)).endsWith("/cabinet/contacts");
        assertThat(Limits.smsCount(db, backup)).isEqualTo(1);
        assertThat(ownerOf(backup)).contains(citizen.id());
        assertThat(accounts.byId(citizen.id()).orElseThrow().phone()).as("the main phone stays").isEqualTo(citizen.phone());
        String page = browser.get("/cabinet/contacts").body();
        assertThat(page).contains("Резервный номер подтверждён", new PhoneNumber(backup).masked(),
                "id=\"change-backup-phone\"", "id=\"delete-backup-phone\"").doesNotContain(backup);
        assertThat(citizenPhones.maskedBackupPhone(citizen.id())).contains(new PhoneNumber(backup).masked());
        assertThat(Limits.lastSms(db, citizen.phone())).contains("привязан резервный номер " + new PhoneNumber(backup).masked());
        assertThat(PhonePages.audited(db, citizen)).containsExactly("identity.backup-phone-set SUCCESS");
    }

    @Test
    @DisplayName("ACC-5, CNT-5: «Забыли пароль?» with the backup phone sends the code to it, and the new password signs in")
    void recoversByBackupPhone() {
        String backup = TestCitizens.newPhone();
        backupPhones.set(citizen.id(), backup, Instant.now());

        WebClient visitor = recoveryCodeAccepted(backup);
        assertThat(location(newPassword(visitor, "Novyj-Parol-2025!"))).endsWith("/login?recovered");
        assertThat(passwords.matches("Novyj-Parol-2025!", accounts.byId(citizen.id()).orElseThrow().passwordHash())).isTrue();

        Limits.reset(db);
        WebClient late = recoveryCodeAccepted(backup);
        backupPhones.remove(citizen.id());
        assertThat(location(late.get("/recover/password")))
                .as("a backup phone removed meanwhile ends the recovery").endsWith("/recover");
        assertThat(passwords.matches("Novyj-Parol-2025!", accounts.byId(citizen.id()).orElseThrow().passwordHash())).isTrue();
    }

    WebClient recoveryCodeAccepted(String phone) {
        WebClient visitor = new WebClient(port);
        String form = visitor.get("/recover").body();
        visitor.postForm("/recover", Map.of("identifier", phone, "_csrf", WebClient.csrfToken(form)));
        String codePage = visitor.get("/recover/code").body();
        assertThat(location(visitor.postForm("/recover/code", Map.of("code", Limits.lastCode(db, phone),
                "_csrf", WebClient.csrfToken(codePage))))).endsWith("/recover/password");
        return visitor;
    }

    static HttpResponse<String> newPassword(WebClient visitor, String password) {
        String page = visitor.get("/recover/password").body();
        return visitor.postForm("/recover/password", Map.of("password", password, "repeated", password,
                "_csrf", WebClient.csrfToken(page)));
    }

    @Test
    @DisplayName("CNT-5: a new backup phone replaces the old one, which no longer finds the account")
    void replacesBackupPhone() {
        String first = TestCitizens.newPhone();
        PhonePages.change(browser, db, citizen, "backup", first);
        Limits.reset(db);
        String second = TestCitizens.newPhone();

        PhonePages.change(browser, db, citizen, "backup", second);

        assertThat(ownerOf(first)).isEmpty();
        assertThat(ownerOf(second)).contains(citizen.id());
        assertThat(browser.get("/cabinet/contacts").body()).contains(new PhoneNumber(second).masked())
                .doesNotContain(new PhoneNumber(first).masked());
    }

    @Test
    @DisplayName("CNT-5: removing the backup phone asks for the password in a «Да» / «Отмена» dialog; a wrong one changes nothing")
    void removesBackupPhone() {
        String backup = TestCitizens.newPhone();
        backupPhones.set(citizen.id(), backup, Instant.now());

        String dialog = browser.get(BASE + "backup/delete").body();
        assertThat(dialog).contains("role=\"alertdialog\"", "id=\"delete-yes\"", "id=\"delete-no\"", new PhoneNumber(backup).masked());
        HttpResponse<String> wrong = browser.postForm(BASE + "backup/delete",
                Map.of("password", "Wrong-Pass-2024!", "_csrf", WebClient.csrfToken(dialog)));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Неверный пароль.");
        assertThat(ownerOf(backup)).contains(citizen.id());

        HttpResponse<String> removed = browser.postForm(BASE + "backup/delete",
                Map.of("password", TestCitizens.PASSWORD, "_csrf", WebClient.csrfToken(dialog)));

        assertThat(location(removed)).endsWith("/cabinet/contacts");
        assertThat(ownerOf(backup)).isEmpty();
        assertThat(browser.get("/cabinet/contacts").body()).contains("Резервный номер удалён", "id=\"add-backup-phone\"");
        assertThat(Limits.lastSms(db, citizen.phone())).contains("резервный номер отвязан");
        assertThat(PhonePages.audited(db, citizen)).containsExactly("identity.backup-phone-remove FAILURE",
                "identity.backup-phone-remove SUCCESS");
        assertThat(location(browser.get(BASE + "backup/delete"))).as("nothing left to remove").endsWith("/cabinet/contacts");
    }

    @Test
    @DisplayName("CNT-5: the main phone, the backup phone already set and another account's phone are refused as backup, each with its own message")
    void refusesUnusableBackupNumbers() {
        Account other = TestCitizens.create(accounts, passwords);
        Account third = TestCitizens.create(accounts, passwords);
        String othersBackup = TestCitizens.newPhone();
        backupPhones.set(third.id(), othersBackup, Instant.now());
        String mine = TestCitizens.newPhone();
        backupPhones.set(citizen.id(), mine, Instant.now());
        PhonePages.rechecked(browser, db, citizen, "backup");

        HttpResponse<String> main = PhonePages.chooseNumber(browser, "backup", citizen.phone());
        assertThat(main.statusCode()).isEqualTo(422);
        assertThat(main.body()).contains("Это ваш основной номер. Резервный номер должен отличаться от основного.");
        assertThat(PhonePages.chooseNumber(browser, "backup", mine).body()).contains("Этот номер уже указан как резервный.");
        assertThat(PhonePages.chooseNumber(browser, "backup", other.phone()).body()).contains("Этот номер нельзя использовать");
        assertThat(PhonePages.chooseNumber(browser, "backup", othersBackup).body()).contains("Этот номер нельзя использовать");

        assertThat(Limits.smsCount(db, other.phone()) + Limits.smsCount(db, othersBackup) + Limits.smsCount(db, mine)).isZero();
        assertThat(ownerOf(mine)).contains(citizen.id());
        assertThat(ownerOf(othersBackup)).contains(third.id());
    }

    @Test
    @DisplayName("CNT-5: moving the account to its own backup phone makes that number the main one and leaves no backup")
    void backupBecomesMain() {
        String backup = TestCitizens.newPhone();
        backupPhones.set(citizen.id(), backup, Instant.now());
        assertThat(browser.get(BASE + "change/number").statusCode()).isEqualTo(302);
        PhonePages.rechecked(browser, db, citizen, "change");
        assertThat(browser.get(BASE + "change/number").body()).contains("id=\"number-backup\"");
        PhonePages.chooseNumber(browser, "change", backup);

        PhonePages.enterCode(browser, "change", Limits.lastCode(db, backup));

        assertThat(accounts.byId(citizen.id()).orElseThrow().phone()).isEqualTo(backup);
        assertThat(backupPhones.of(citizen.id())).isEmpty();
        assertThat(browser.get("/cabinet/contacts").body()).contains("резервный номер стал основным", "id=\"add-backup-phone\"");
    }

    @Test
    @DisplayName("CNT-5, SEC-3: another citizen's session can neither confirm this citizen's number nor remove their backup phone; a form without its CSRF token is refused")
    void anotherSessionCannotTouchIt() {
        String backup = TestCitizens.newPhone();
        PhonePages.rechecked(browser, db, citizen, "backup");
        PhonePages.chooseNumber(browser, "backup", backup);
        String code = Limits.lastCode(db, backup);
        Account other = TestCitizens.create(accounts, passwords);
        WebClient stranger = TestCitizens.signedIn(port, other, sessions);

        String strangerPage = stranger.get(BASE + "backup").body();
        HttpResponse<String> foreign = stranger.postForm(BASE + "backup/confirm",
                Map.of("code", code, "_csrf", WebClient.csrfToken(strangerPage)));
        assertThat(location(foreign)).endsWith(BASE + "backup");
        assertThat(ownerOf(backup)).isEmpty();
        assertThat(browser.postForm(BASE + "backup/confirm", Map.of("code", code)).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(ownerOf(backup)).isEmpty();

        assertThat(location(PhonePages.enterCode(browser, "backup", code))).endsWith("/cabinet/contacts");
        assertThat(ownerOf(backup)).contains(citizen.id());

        HttpResponse<String> strangerDelete = stranger.postForm(BASE + "backup/delete",
                Map.of("password", TestCitizens.PASSWORD, "_csrf", WebClient.csrfToken(strangerPage)));
        assertThat(location(strangerDelete)).endsWith("/cabinet/contacts");
        assertThat(browser.postForm(BASE + "backup/delete", Map.of("password", TestCitizens.PASSWORD)).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(ownerOf(backup)).contains(citizen.id());
        assertThat(new WebClient(port).get(BASE + "backup").statusCode()).as("signed out").isEqualTo(302);
    }
}
