package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;

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
import ru.gospochta.gateway.internal.ClientSecrets;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Accounts;

/** The registry of agencies, systems and keys in the admin area, over real HTTP (GW-1). */
@IntegrationTest
class AgencyRegistryPagesTests {

    static final String LIST = "/admin/agencies";
    static final Pattern AGENCY_ID = Pattern.compile("/admin/agencies/([0-9a-f-]{36})$");
    static final Pattern SYSTEM_ID = Pattern.compile("/systems/([0-9a-f-]{36})/credentials");
    static final Pattern CLIENT_ID = Pattern.compile("id=\"client-id\">([^<]+)<");
    static final Pattern SECRET = Pattern.compile("id=\"client-secret\">([^<]+)<");
    static final Pattern REVOKE = Pattern.compile("href=\"(/admin/agencies/[0-9a-f-]{36}/credentials/[0-9a-f-]{36}/revoke)\"");

    @LocalServerPort int port;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @Autowired ClientSecrets secrets;
    @Autowired Accounts accounts;
    @Autowired SessionRepository<?> sessions;

    AdminBrowser admin;

    @BeforeEach
    void signIn() {
        TestStaff.ensureAdmin(db, passwords);
        admin = AdminBrowser.signedIn(port, TestStaff.ADMIN, TestStaff.PASSWORD);
    }

    @Test
    @DisplayName("GW-1: an administrator registers an agency, adds a system and issues a key; the secret is shown once and only its hash is kept")
    void registersAgencySystemAndKey() {
        long before = GatewayFixtures.lastAuditSeq(db);
        String ogrn = GatewayFixtures.ogrn();
        String inn = GatewayFixtures.inn();

        UUID agency = register("Министерство цифрового развития", "Минцифры " + ogrn.substring(8), ogrn, inn);
        String agencyPage = admin.get(LIST + "/" + agency).body();
        assertThat(agencyPage).contains("Министерство цифрового развития").contains(ogrn).contains(inn);
        assertThat(admin.post(LIST + "/" + agency + "/systems", agencyPage, "systemName", "  ГИС  «Уведомления»\t").statusCode())
                .isEqualTo(302);
        agencyPage = admin.get(LIST + "/" + agency).body();
        assertThat(agencyPage).contains("ГИС «Уведомления»");
        String system = AdminBrowser.first(SYSTEM_ID, agencyPage);

        HttpResponse<String> issued = admin.post(LIST + "/" + agency + "/systems/" + system + "/credentials", agencyPage,
                "kind", "LIVE", "scopes", "messages:send", "scopes", "messages:read");

        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        String clientId = AdminBrowser.first(CLIENT_ID, issued.body());
        String secret = AdminBrowser.first(SECRET, issued.body());
        assertThat(secret).hasSize(43);
        String hash = db.sql("SELECT secret_hash FROM gateway.credentials WHERE client_id = :id").param("id", clientId)
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(secret);
        assertThat(secrets.matches(secret, hash)).isTrue();
        assertThat(db.sql("SELECT count(*) FROM gateway.credentials WHERE secret_hash LIKE :s OR client_id LIKE :s")
                .param("s", "%" + secret + "%").query(Long.class).single()).isZero();

        String again = admin.get(LIST + "/" + agency).body();
        assertThat(again).contains(clientId).contains("messages:read messages:send").doesNotContain(secret);
        assertThat(admin.get(LIST).body()).contains("Минцифры " + ogrn.substring(8));
        assertThat(new TokenClient(port).tokenByBasic(clientId, secret).statusCode()).isEqualTo(200);
        for (String action : new String[] {"gateway.agency.register", "gateway.system.register", "gateway.credential.issue"}) {
            assertThat(GatewayFixtures.auditAfter(db, before, action)).as(action).singleElement().satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo("staff:" + TestStaff.ADMIN);
                assertThat(entry.sourceIp()).isEqualTo("127.0.0.1");
                assertThat(entry.details()).doesNotContain(secret);
            });
        }
    }

    @Test
    @DisplayName("GW-1: the agency form reports every wrong field at once and keeps what was typed")
    void formReportsEveryProblem() {
        String form = admin.get(LIST + "/new").body();
        long agencies = countAgencies();

        HttpResponse<String> refused = admin.post(LIST, form, "name", "Ф", "shortName", " ", "ogrn", "1047707030514",
                "inn", "770732915212");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains("Полное наименование — от 3 до 300 символов.")
                .contains("Краткое наименование — от 2 до 100 символов.")
                .contains("ОГРН введён с ошибкой: не сходится контрольная цифра.")
                .contains("ИНН организации состоит из 10 цифр.")
                .contains("value=\"1047707030514\"")
                .contains("aria-invalid=\"true\"");
        assertThat(countAgencies()).isEqualTo(agencies);
    }

    @Test
    @DisplayName("GW-1: an OGRN or INN already in the registry is refused, for a new agency and for a change")
    void duplicateNumbersRefused() {
        String ogrn = GatewayFixtures.ogrn();
        String inn = GatewayFixtures.inn();
        register("Федеральное агентство связи", "Россвязь", ogrn, inn);
        UUID other = register("Федеральное агентство по печати", "Роспечать", GatewayFixtures.ogrn(), GatewayFixtures.inn());

        HttpResponse<String> sameNumbers = admin.post(LIST, admin.get(LIST + "/new").body(), "name", "Другое ведомство",
                "shortName", "Другое", "ogrn", ogrn, "inn", inn);
        HttpResponse<String> changedToTaken = admin.post(LIST + "/" + other, admin.get(LIST + "/" + other + "/edit").body(),
                "name", "Федеральное агентство по печати", "shortName", "Роспечать", "ogrn", ogrn, "inn", GatewayFixtures.inn());

        assertThat(sameNumbers.statusCode()).isEqualTo(422);
        assertThat(sameNumbers.body()).contains("Ведомство с этим ОГРН уже есть в реестре.")
                .contains("Ведомство с этим ИНН уже есть в реестре.");
        assertThat(changedToTaken.statusCode()).isEqualTo(422);
        assertThat(changedToTaken.body()).contains("Ведомство с этим ОГРН уже есть в реестре.");
    }

    @Test
    @DisplayName("GW-1: an administrator changes an agency's details, and the change is audited")
    void changesDetails() {
        UUID agency = register("Федеральная служба по труду", "Роструд", GatewayFixtures.ogrn(), GatewayFixtures.inn());
        long before = GatewayFixtures.lastAuditSeq(db);
        String newOgrn = GatewayFixtures.ogrn();
        String newInn = GatewayFixtures.inn();

        HttpResponse<String> saved = admin.post(LIST + "/" + agency, admin.get(LIST + "/" + agency + "/edit").body(),
                "name", "Федеральная служба по труду и занятости", "shortName", "Роструд", "ogrn", newOgrn, "inn", newInn);

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(admin.get(LIST + "/" + agency).body()).contains("Федеральная служба по труду и занятости")
                .contains(newOgrn).contains("Сведения о ведомстве сохранены.");
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.agency.change")).singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains(newOgrn));
    }

    @Test
    @DisplayName("GW-1: a key needs at least one right; a system name must be given and unique within the agency")
    void keyNeedsARight() {
        UUID agency = register("Федеральное казначейство", "Казначейство России", GatewayFixtures.ogrn(), GatewayFixtures.inn());
        String page = admin.get(LIST + "/" + agency).body();
        admin.post(LIST + "/" + agency + "/systems", page, "systemName", "СУФД");
        page = admin.get(LIST + "/" + agency).body();
        String system = AdminBrowser.first(SYSTEM_ID, page);

        HttpResponse<String> noScope = admin.post(LIST + "/" + agency + "/systems/" + system + "/credentials", page, "kind", "TEST");
        HttpResponse<String> sameName = admin.post(LIST + "/" + agency + "/systems", page, "systemName", "СУФД");
        HttpResponse<String> blank = admin.post(LIST + "/" + agency + "/systems", page, "systemName", " ");

        assertThat(noScope.statusCode()).isEqualTo(422);
        assertThat(noScope.body()).contains("Выберите хотя бы одно право.");
        assertThat(db.sql("SELECT count(*) FROM gateway.credentials WHERE system_id = :s").param("s", UUID.fromString(system))
                .query(Long.class).single()).isZero();
        assertThat(sameName.statusCode()).isEqualTo(422);
        assertThat(sameName.body()).contains("У ведомства уже есть система с таким названием.");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("Название системы — от 2 до 200 символов.");
    }

    @Test
    @DisplayName("GW-1: revoking asks for confirmation first, then the key stops getting tokens at once")
    void revokeAfterConfirmation() {
        UUID agency = register("Пенсионный фонд", "СФР", GatewayFixtures.ogrn(), GatewayFixtures.inn());
        String page = admin.get(LIST + "/" + agency).body();
        admin.post(LIST + "/" + agency + "/systems", page, "systemName", "ПТК «Тестовый»");
        page = admin.get(LIST + "/" + agency).body();
        String system = AdminBrowser.first(SYSTEM_ID, page);
        String issued = admin.post(LIST + "/" + agency + "/systems/" + system + "/credentials", page,
                "kind", "TEST", "scopes", "messages:read").body();
        String clientId = AdminBrowser.first(CLIENT_ID, issued);
        String secret = AdminBrowser.first(SECRET, issued);
        String revokePath = AdminBrowser.first(REVOKE, admin.get(LIST + "/" + agency).body());

        HttpResponse<String> confirmation = admin.get(revokePath);
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.body()).contains("Отозвать ключ?").contains(clientId);
        assertThat(new TokenClient(port).tokenByBasic(clientId, secret).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = admin.post(revokePath, confirmation.body());

        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(admin.get(LIST + "/" + agency).body()).contains("Ключ " + clientId + " отозван").contains("Отозван ");
        assertThat(new TokenClient(port).tokenByBasic(clientId, secret).statusCode()).isEqualTo(401);
        assertThat(admin.get(revokePath).body()).contains("Этот ключ уже отозван.");
    }

    @Test
    @DisplayName("GW-1, SEC-3: support operators, security officers and citizens are refused the registry; anonymous visitors go to the staff sign-in")
    void onlyAdministrators() {
        TestStaff.ensure(db, passwords, "gw-support", "Supp0rt-Gw-Pass!", "SUPPORT_OPERATOR");
        TestStaff.ensure(db, passwords, "gw-officer", "0fficer-Gw-Pass!", "SECURITY_OFFICER");
        UUID agency = register("Росреестр", "Росреестр", GatewayFixtures.ogrn(), GatewayFixtures.inn());
        String adminPage = admin.get(LIST + "/new").body();

        for (String login : new String[] {"gw-support", "gw-officer"}) {
            AdminBrowser staff = AdminBrowser.signedIn(port, login, login.equals("gw-support") ? "Supp0rt-Gw-Pass!" : "0fficer-Gw-Pass!");
            assertThat(staff.get(LIST).statusCode()).as(login).isEqualTo(403);
            assertThat(staff.get(LIST + "/" + agency).statusCode()).as(login).isEqualTo(403);
            String ownPage = staff.get("/admin").body();
            assertThat(staff.post(LIST, ownPage, "name", "Чужое ведомство", "shortName", "Чужое",
                    "ogrn", GatewayFixtures.ogrn(), "inn", GatewayFixtures.inn()).statusCode()).as(login).isEqualTo(403);
        }
        WebClient citizen = TestCitizens.signedIn(port, TestCitizens.create(accounts, passwords), sessions);
        assertThat(citizen.get(LIST, "Accept", "text/html").statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = new WebClient(port).get(LIST, "Accept", "text/html");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
        assertThat(adminPage).contains("name=\"ogrn\"");
        assertThat(admin.get("/admin").body()).contains("href=\"/admin/agencies\"");
    }

    @Test
    @DisplayName("GW-1: an agency, system or key that is not in the registry is a 404 page")
    void unknownIsNotFound() {
        UUID agency = register("Росстат", "Росстат", GatewayFixtures.ogrn(), GatewayFixtures.inn());

        assertThat(admin.get(LIST + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(admin.get(LIST + "/" + agency + "/credentials/" + UUID.randomUUID() + "/revoke").statusCode()).isEqualTo(404);
        assertThat(admin.post(LIST + "/" + agency + "/systems/" + UUID.randomUUID() + "/credentials",
                admin.get(LIST + "/" + agency).body(), "kind", "LIVE", "scopes", "messages:read").statusCode()).isEqualTo(404);
    }

    private UUID register(String name, String shortName, String ogrn, String inn) {
        HttpResponse<String> created = admin.post(LIST, admin.get(LIST + "/new").body(),
                "name", name, "shortName", shortName, "ogrn", ogrn, "inn", inn);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        return UUID.fromString(AdminBrowser.first(AGENCY_ID, created.headers().firstValue("Location").orElseThrow()));
    }

    private long countAgencies() {
        return db.sql("SELECT count(*) FROM gateway.agencies").query(Long.class).single();
    }
}
