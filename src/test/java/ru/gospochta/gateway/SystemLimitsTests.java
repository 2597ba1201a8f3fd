package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.MutableClock;
import ru.gospochta.TestStaff;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.SystemLimits;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * A system's own limits (GW-1, GW-5): set by an administrator in the registry, applied by the API
 * over real HTTP instead of the configured defaults (50 requests a second, 1,000,000 messages a day).
 */
@IdentityTest
class SystemLimitsTests {

    static final String MESSAGES = "/api/v1/messages";
    static final String AGENCIES = "/admin/agencies";

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;
    @Autowired MutableClock clock;

    TokenClient client;
    Account citizen;

    @BeforeEach
    void setUp() {
        client = new TokenClient(port);
        citizen = TestCitizens.create(accounts, passwords);
    }

    /** A system with a live key, and a token for it. */
    record Caller(UUID agencyId, UUID systemId, String token) {
    }

    Caller caller() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        return new Caller(key.credential().agency().id(), key.credential().system().id(),
                client.token(key.credential().credential().clientId(), key.secret()));
    }

    HttpResponse<String> send(Caller caller) {
        return client.postWith(caller.token(), MESSAGES, "application/json", """
                {"recipient": {"snils": "%s"}, "category": "application-status", "subject": "Решение по заявлению",
                 "body": {"text": "Заявление рассмотрено."}}""".formatted(citizen.snils()));
    }

    HttpResponse<String> look(Caller caller) {
        return client.getWith(caller.token(), MESSAGES + "/" + UUID.randomUUID());
    }

    Map<String, Object> stored(UUID systemId) {
        return db.sql("SELECT requests_per_second, messages_per_day FROM gateway.systems WHERE id = :id")
                .param("id", systemId).query().singleRow();
    }

    @Test
    @DisplayName("GW-5: a system's own daily quota overrides the default: its third message is 429 with Retry-After, another system goes on")
    void ownDailyQuota() {
        Caller limited = caller();
        Caller other = caller();
        registry.changeLimits(limited.agencyId(), limited.systemId(), new SystemLimits(null, 2L), GatewayFixtures.ACTOR, null);

        assertThat(send(limited).statusCode()).isEqualTo(202);
        assertThat(send(limited).statusCode()).isEqualTo(202);
        HttpResponse<String> third = send(limited);

        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(TokenClient.json(third).get("code").asString()).isEqualTo("daily-quota");
        assertThat(TokenClient.json(third).get("detail").asString()).contains("Лимит системы — 2 сообщений в сутки");
        assertThat(db.sql("SELECT count(*) FROM gateway.messages WHERE system_id = :s").param("s", limited.systemId())
                .query(Integer.class).single()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(send(other).statusCode()).isEqualTo(202);
        }
    }

    @Test
    @DisplayName("GW-5: the day's count is taken last, so a system's requests are stored side by side; "
            + "one that finds the quota used up meanwhile is 429 and leaves nothing")
    void countTakenLast() throws Exception {
        Caller limited = caller();
        registry.changeLimits(limited.agencyId(), limited.systemId(), new SystemLimits(null, 5L), GatewayFixtures.ACTOR, null);
        LocalDate today = clock.instant().atZone(ZoneId.of("Europe/Moscow")).toLocalDate();
        db.sql("INSERT INTO gateway.daily_usage (system_id, day, messages) VALUES (:s, :d, 0)")
                .param("s", limited.systemId()).param("d", today).update();

        try (Connection other = dataSource.getConnection()) {
            // Another request of the same system, still storing its messages, holds the day's count.
            other.setAutoCommit(false);
            try (PreparedStatement use = other.prepareStatement(
                    "UPDATE gateway.daily_usage SET messages = 5 WHERE system_id = ? AND day = ?")) {
                use.setObject(1, limited.systemId());
                use.setObject(2, today);
                use.executeUpdate();
            }
            CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> send(limited));

            Integer waiting = waitingForTheCount(answer);
            assertThat(db.sql("""
                            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                            WHERE l.pid = :pid AND l.granted AND c.relname = 'messages' AND l.mode = 'RowExclusiveLock'""")
                    .param("pid", waiting).query(Integer.class).single())
                    .as("the waiting request has stored its message before it waits for the count").isPositive();
            other.commit();

            HttpResponse<String> refused = answer.get(30, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            assertThat(TokenClient.json(refused).get("code").asString()).isEqualTo("daily-quota");
        }
        assertThat(db.sql("SELECT count(*) FROM gateway.messages WHERE system_id = :s").param("s", limited.systemId())
                .query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :a").param("a", citizen.id())
                .query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT messages FROM gateway.daily_usage WHERE system_id = :s").param("s", limited.systemId())
                .query(Long.class).single()).isEqualTo(5);
    }

    /** The server process of the request that waits for the day's count row. */
    Integer waitingForTheCount(CompletableFuture<?> answer) {
        return await("the request waits for the day's count").atMost(Duration.ofSeconds(20))
                .failFast("the request answered without waiting", answer::isDone)
                .until(() -> db.sql("""
                                SELECT pid FROM pg_stat_activity
                                WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO gateway.daily_usage%'""")
                        .query(Integer.class).optional(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    @DisplayName("GW-5: a system's own requests a second are its RateLimit-Limit and enforced; a changed rate applies from the next call")
    void ownRequestsPerSecond() {
        Caller caller = caller();
        Caller other = caller();
        assertThat(look(caller).headers().firstValue("RateLimit-Limit")).hasValue("50");

        registry.changeLimits(caller.agencyId(), caller.systemId(), new SystemLimits(3, null), GatewayFixtures.ACTOR, null);

        // The test clock stands still, so the bucket does not refill between calls: 3 go through, the 4th is refused.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> allowed = look(caller);
            assertThat(allowed.statusCode()).isEqualTo(404);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("RateLimit-Policy")).hasValue("3;w=1");
        }
        HttpResponse<String> refused = look(caller);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(TokenClient.json(refused).get("code").asString()).isEqualTo("rate-limit");
        assertThat(look(other).headers().firstValue("RateLimit-Limit")).hasValue("50");
    }

    @Test
    @DisplayName("GW-5: a limit changed on another node reaches this one within the check interval, not on every call")
    void changeFromAnotherNode() {
        Caller caller = caller();
        assertThat(look(caller).headers().firstValue("RateLimit-Limit")).hasValue("50");

        // Another node's administrator: the row changes, this node's memory does not hear of it.
        db.sql("UPDATE gateway.systems SET requests_per_second = 20 WHERE id = :id").param("id", caller.systemId()).update();
        HttpResponse<String> remembered = look(caller);
        clock.advance(Duration.ofSeconds(6));
        HttpResponse<String> looked = look(caller);

        assertThat(remembered.headers().firstValue("RateLimit-Limit")).hasValue("50");
        assertThat(looked.headers().firstValue("RateLimit-Limit")).hasValue("20");
    }

    @Test
    @DisplayName("GW-1, GW-5: an administrator sets a system's own limits, shown against the defaults; empty returns to the default; each change is audited old -> new")
    void administratorSetsLimits() {
        TestStaff.ensureAdmin(db, passwords);
        AdminBrowser admin = AdminBrowser.signedIn(port, TestStaff.ADMIN, TestStaff.PASSWORD);
        Caller caller = caller();
        String page = admin.get(AGENCIES + "/" + caller.agencyId()).body();
        assertThat(page).contains("Запросов к API в секунду").contains("По умолчанию: 50");
        String limits = AGENCIES + "/" + caller.agencyId() + "/systems/" + caller.systemId() + "/limits";
        long before = GatewayFixtures.lastAuditSeq(db);

        HttpResponse<String> saved = admin.post(limits, page, "requestsPerSecond", "7", "messagesPerDay", "1 000");

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(stored(caller.systemId())).containsEntry("requests_per_second", 7).containsEntry("messages_per_day", 1000L);
        page = admin.get(AGENCIES + "/" + caller.agencyId()).body();
        assertThat(page).contains("Лимиты системы сохранены.").contains("value=\"7\"").contains("value=\"1000\"");
        assertThat(look(caller).headers().firstValue("RateLimit-Limit")).hasValue("7");
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.limits")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("staff:" + TestStaff.ADMIN);
            assertThat(entry.target()).isEqualTo("system:" + caller.systemId());
            assertThat(entry.details()).contains("default -> 7").contains("default -> 1000");
        });

        before = GatewayFixtures.lastAuditSeq(db);
        assertThat(admin.post(limits, page, "requestsPerSecond", "", "messagesPerDay", "1000").statusCode()).isEqualTo(302);

        assertThat(stored(caller.systemId())).containsEntry("requests_per_second", null).containsEntry("messages_per_day", 1000L);
        assertThat(look(caller).headers().firstValue("RateLimit-Limit")).hasValue("50");
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.limits")).singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains("7 -> default").doesNotContain("messagesPerDay"));
    }

    @Test
    @DisplayName("GW-1, GW-5: the limits form refuses zero, negative, fractional, too large and non-numeric values with its message; nothing is saved")
    void refusesWrongLimits() {
        TestStaff.ensureAdmin(db, passwords);
        AdminBrowser admin = AdminBrowser.signedIn(port, TestStaff.ADMIN, TestStaff.PASSWORD);
        Caller caller = caller();
        String page = admin.get(AGENCIES + "/" + caller.agencyId()).body();
        String limits = AGENCIES + "/" + caller.agencyId() + "/systems/" + caller.systemId() + "/limits";
        long before = GatewayFixtures.lastAuditSeq(db);

        for (String wrong : new String[] {"0", "-5", "abc", "1.5"}) {
            HttpResponse<String> refused = admin.post(limits, page, "requestsPerSecond", wrong, "messagesPerDay", wrong);

            assertThat(refused.statusCode()).as(wrong).isEqualTo(422);
            assertThat(refused.body()).as(wrong)
                    .contains("Укажите целое число запросов в секунду от 1 до")
                    .contains("Укажите целое число сообщений в сутки от 1 до")
                    .contains("value=\"" + wrong + "\"");
        }
        HttpResponse<String> tooMany = admin.post(limits, page, "requestsPerSecond", "10001", "messagesPerDay", "100000001");
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body()).contains("Укажите целое число запросов в секунду от 1 до")
                .contains("Укажите целое число сообщений в сутки от 1 до");
        HttpResponse<String> oneWrong = admin.post(limits, page, "requestsPerSecond", "12", "messagesPerDay", "много");
        assertThat(oneWrong.statusCode()).isEqualTo(422);
        assertThat(oneWrong.body()).contains("Укажите целое число сообщений в сутки от 1 до")
                .doesNotContain("Укажите целое число запросов в секунду от 1 до");

        assertThat(stored(caller.systemId())).containsEntry("requests_per_second", null).containsEntry("messages_per_day", null);
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.system.limits")).isEmpty();
        assertThat(admin.post(AGENCIES + "/" + UUID.randomUUID() + "/systems/" + caller.systemId() + "/limits", page,
                "requestsPerSecond", "5").statusCode()).isEqualTo(404);
    }
}
