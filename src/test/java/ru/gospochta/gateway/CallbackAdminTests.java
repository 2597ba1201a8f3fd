package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import ru.gospochta.MutableClock;
import ru.gospochta.TestStaff;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.callbacks.CallbackDispatcher;
import ru.gospochta.gateway.internal.callbacks.CallbackRegistration;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.NotifyTest;

/**
 * An administrator sets a system's callback on the agency page (GW-3): the secret shown once, the
 * address checked with clear messages, every change audited.
 */
@NotifyTest
@TestPropertySource(properties = {"gospochta.gateway.callbacks.workers=0", "gospochta.gateway.callbacks.allow-local=true"})
class CallbackAdminTests {

    static final String AGENCIES = "/admin/agencies";
    static final Pattern SECRET = Pattern.compile("id=\"callback-secret\">([^<]+)<");

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired CallbackRegistration callbacks;
    @Autowired CallbackDispatcher sender;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;

    AdminBrowser admin;
    ReceivingSystem receiver;
    CredentialIssuing.Issued key;
    UUID agencyId;
    UUID systemId;

    @BeforeEach
    void setUp() {
        TestStaff.ensureAdmin(db, passwords);
        admin = AdminBrowser.signedIn(port, TestStaff.ADMIN, TestStaff.PASSWORD);
        receiver = ReceivingSystem.start();
        key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        agencyId = key.credential().agency().id();
        systemId = key.credential().system().id();
    }

    @AfterEach
    void tearDown() {
        callbacks.remove(agencyId, systemId, GatewayFixtures.ACTOR, null);
        receiver.close();
        clock.reset();
    }

    String callbackPath() {
        return AGENCIES + "/" + agencyId + "/systems/" + systemId + "/callback";
    }

    Map<String, Object> stored() {
        return db.sql("SELECT callback_url, callback_secret FROM gateway.systems WHERE id = :id").param("id", systemId)
                .query().singleRow();
    }

    @Test
    @DisplayName("GW-3: an administrator sets a callback: the secret is shown once, stored sealed, and signs what the system receives")
    void setsCallback() {
        String page = admin.get(AGENCIES + "/" + agencyId).body();
        assertThat(page).contains("Уведомления о статусах (callback)").contains("Не настроены");
        long before = GatewayFixtures.lastAuditSeq(db);

        HttpResponse<String> shown = admin.post(callbackPath(), page, "callbackUrl", receiver.url());

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(shown.body()).contains("Секрет показан один раз").contains(receiver.url());
        String secret = AdminBrowser.first(SECRET, shown.body());
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        byte[] sealed = (byte[]) stored().get("callback_secret");
        assertThat(stored()).containsEntry("callback_url", receiver.url());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.callback")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("staff:" + TestStaff.ADMIN);
            assertThat(entry.target()).isEqualTo("system:" + systemId);
            assertThat(entry.details()).contains(receiver.url()).contains("issued").doesNotContain(secret);
        });
        String again = admin.get(AGENCIES + "/" + agencyId).body();
        assertThat(again).contains("value=\"" + receiver.url() + "\"").contains("Настроены").doesNotContain(secret);

        Account citizen = TestCitizens.create(accounts, passwords);
        TokenClient client = new TokenClient(port);
        String token = client.token(key.credential().credential().clientId(), key.secret());
        assertThat(client.postWith(token, "/api/v1/messages", "application/json", """
                {"recipient": {"snils": "%s"}, "category": "application-status", "subject": "Решение",
                 "body": {"text": "Заявление рассмотрено."}}""".formatted(citizen.snils())).statusCode()).isEqualTo(202);
        sender.sendAll();
        // The message's status, and perhaps already its e-mail notice's (skipped: the citizen has no address).
        assertThat(receiver.received()).isNotEmpty().allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
    }

    @Test
    @DisplayName("GW-3: the form refuses ftp://, http://example.ru and https://10.0.0.1/ with a message each; nothing is saved or audited")
    void refusesWrongAddresses() {
        String page = admin.get(AGENCIES + "/" + agencyId).body();
        long before = GatewayFixtures.lastAuditSeq(db);
        Map<String, String> expected = Map.of(
                "ftp://example.ru/callbacks", "Адрес должен начинаться с https://",
                "http://example.ru", "Адрес должен начинаться с https://",
                "https://10.0.0.1/", "Адрес ведёт во внутреннюю сеть",
                "", "Укажите адрес, на который портал будет отправлять уведомления",
                "https://user:pw@example.ru/cb", "Уберите из адреса имя пользователя и пароль");

        expected.forEach((typed, message) -> {
            HttpResponse<String> refused = admin.post(callbackPath(), page, "callbackUrl", typed);

            assertThat(refused.statusCode()).as(typed).isEqualTo(422);
            assertThat(refused.body()).as(typed).contains(message).contains("value=\"" + typed + "\"")
                    .contains("aria-invalid=\"true\"");
        });
        assertThat(stored()).containsEntry("callback_url", null).containsEntry("callback_secret", null);
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.callback")).isEmpty();
        assertThat(admin.post(AGENCIES + "/" + UUID.randomUUID() + "/systems/" + systemId + "/callback", page,
                "callbackUrl", "https://example.ru/cb").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("GW-3: changing the address keeps the secret; a new secret is shown once and replaces it; removing clears both; each is audited")
    void changesAndRemoves() {
        String page = admin.get(AGENCIES + "/" + agencyId).body();
        String first = AdminBrowser.first(SECRET, admin.post(callbackPath(), page, "callbackUrl", receiver.url()).body());
        byte[] sealed = (byte[]) stored().get("callback_secret");
        long before = GatewayFixtures.lastAuditSeq(db);

        HttpResponse<String> changed = admin.post(callbackPath(), page, "callbackUrl", receiver.url() + "/v2");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(admin.get(AGENCIES + "/" + agencyId).body()).contains("Адрес для уведомлений о статусах сохранён");
        assertThat(stored()).containsEntry("callback_url", receiver.url() + "/v2");
        assertThat((byte[]) stored().get("callback_secret")).isEqualTo(sealed);

        HttpResponse<String> renewed = admin.post(callbackPath() + "/secret", page);
        assertThat(renewed.statusCode()).isEqualTo(200);
        String second = AdminBrowser.first(SECRET, renewed.body());
        assertThat(second).isNotEqualTo(first);

        HttpResponse<String> removed = admin.post(callbackPath() + "/remove", page);
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(stored()).containsEntry("callback_url", null).containsEntry("callback_secret", null);
        assertThat(admin.get(AGENCIES + "/" + agencyId).body()).contains("Уведомления о статусах отключены");
        assertThat(admin.post(callbackPath() + "/secret", page).statusCode()).isEqualTo(422);

        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.callback")).hasSize(2)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("staff:" + TestStaff.ADMIN));
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.callback.secret")).singleElement()
                .satisfies(e -> assertThat(e.details()).doesNotContain(second));
    }
}
