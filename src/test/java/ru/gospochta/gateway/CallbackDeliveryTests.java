package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
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
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import ru.gospochta.MutableClock;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.callbacks.CallbackDispatcher;
import ru.gospochta.gateway.internal.callbacks.CallbackRegistration;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;
import ru.gospochta.notify.NotifyTest;
import ru.gospochta.notify.internal.delivery.Digests;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

/**
 * Signed callbacks to an agency system's real HTTP receiver (GW-3, NTF-5): what is queued, what is
 * posted and signed, and how failures are retried. The test sends when it means to and moves the
 * clock to make retries come due.
 */
@NotifyTest
@TestPropertySource(properties = {"gospochta.gateway.callbacks.workers=0", "gospochta.gateway.callbacks.allow-local=true"})
class CallbackDeliveryTests {

    static final String JSON = "application/json";

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired CallbackRegistration callbacks;
    @Autowired CallbackDispatcher sender;
    @Autowired Dispatcher notifications;
    @Autowired Mailbox mailbox;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MutableClock clock;
    @Autowired Digests digests;
    @Autowired PreferencesStore preferences;

    TokenClient client;
    ReceivingSystem receiver;
    Account citizen;
    final List<Caller> callers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        client = new TokenClient(port);
        receiver = ReceivingSystem.start();
        citizen = TestCitizens.create(accounts, passwords);
        // The tests of messages' callbacks count every callback: no notice by e-mail for their category,
        // whose skipping (the citizen has no address) would be reported as well.
        preferences.save(citizen.id(), new Preferences(Map.of(Category.APPLICATION_STATUS,
                new Preferences.Row(EnumSet.of(Channel.CABINET), Frequency.EACH_EVENT)), Preferences.LetterFormat.TEXT, 9,
                DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE, null), clock.instant());
    }

    /** What a test left queued is given up, so no later test's receiver, perhaps on the same port, hears of it. */
    @AfterEach
    void tearDown() {
        callers.forEach(c -> callbacks.remove(c.agencyId(), c.systemId(), GatewayFixtures.ACTOR, null));
        receiver.close();
        clock.reset();
    }

    /** A system with a live key and a token; with a callback to the receiver, whose secret is returned, unless told not to. */
    record Caller(UUID agencyId, UUID systemId, String token, String secret) {
    }

    Caller caller(boolean withCallback) {
        return caller(withCallback, CredentialKind.LIVE);
    }

    Caller caller(boolean withCallback, CredentialKind kind) {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, kind);
        UUID agencyId = key.credential().agency().id();
        UUID systemId = key.credential().system().id();
        String secret = withCallback
                ? String.valueOf(callbacks.register(agencyId, systemId, receiver.url(), GatewayFixtures.ACTOR, null).secret())
                : "";
        Caller caller = new Caller(agencyId, systemId, client.token(key.credential().credential().clientId(), key.secret()),
                secret);
        callers.add(caller);
        return caller;
    }

    String send(Caller caller, String recipient) {
        HttpResponse<String> sent = client.postWith(caller.token(), "/api/v1/messages", JSON, """
                {"recipient": %s, "category": "application-status", "subject": "Решение по заявлению",
                 "body": {"text": "Заявление рассмотрено."}}""".formatted(recipient));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return TokenClient.json(sent).get("id").asString();
    }

    String toCitizen() {
        return "{\"snils\": \"" + citizen.snils() + "\"}";
    }

    List<Map<String, Object>> queuedFor(UUID systemId) {
        return db.sql("SELECT * FROM gateway.callbacks WHERE system_id = :s ORDER BY created_at, occurred_at")
                .param("s", systemId).query().listOfRows();
    }

    List<Map<String, Object>> attemptsOf(Object callbackId) {
        return db.sql("SELECT * FROM gateway.callback_attempts WHERE callback_id = :id ORDER BY attempt")
                .param("id", callbackId).query().listOfRows();
    }

    void awaitQueued(UUID systemId, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> queuedFor(systemId).size() >= n);
    }

    static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) timestamp).toInstant();
    }

    @Test
    @DisplayName("GW-3: a message delivered to a citizen → the receiver gets «delivered», signed with the secret shown once; opening it → «read»")
    void deliveredThenRead() {
        Caller caller = caller(true);
        String id = send(caller, toCitizen());

        // Queued in the transaction that accepted the message: there by the time the 202 is read.
        assertThat(queuedFor(caller.systemId())).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("kind", "message").containsEntry("status", "pending");
            assertThat(row.get("subject_id")).hasToString(id);
        });
        long before = clock.instant().getEpochSecond();
        assertThat(sender.sendAll()).isPositive();

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Gospochta-Signature")).matches(ReceivingSystem.SIGNATURE);
            assertThat(r.signedWith(caller.secret())).isTrue();
            assertThat(r.signedWith(caller.secret() + "x")).isFalse();
            assertThat(r.signedAt()).isBetween(before, clock.instant().getEpochSecond());
            assertThat(r.header("Gospochta-Callback-Id")).isEqualTo(queuedFor(caller.systemId()).getFirst().get("id").toString());
            JsonNode body = r.json();
            assertThat(body.get("type").asString()).isEqualTo("message.status");
            assertThat(body.get("id").asString()).isEqualTo(id);
            assertThat(body.get("status").asString()).isEqualTo("delivered");
            assertThat(body.has("errorCode")).isFalse();
            assertThat(Instant.parse(body.get("at").asString())).isBeforeOrEqualTo(clock.instant());
        });
        assertThat(queuedFor(caller.systemId())).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("status", "delivered").containsEntry("attempts", 1).containsEntry("last_status_code", 200);
            assertThat(row.get("delivered_at")).isNotNull();
            assertThat(attemptsOf(row.get("id"))).singleElement().satisfies(a -> assertThat(a).containsEntry("status_code", 200));
        });

        mailbox.open(citizen.id(), UUID.fromString(id), "127.0.0.1");
        awaitQueued(caller.systemId(), 2);
        sender.sendAll();

        assertThat(receiver.received()).hasSize(2);
        ReceivingSystem.Received read = receiver.received().get(1);
        assertThat(read.signedWith(caller.secret())).isTrue();
        assertThat(read.json().get("type").asString()).isEqualTo("message.status");
        assertThat(read.json().get("id").asString()).isEqualTo(id);
        assertThat(read.json().get("status").asString()).isEqualTo("read");
        assertThat(read.header("Gospochta-Callback-Id")).isNotEqualTo(receiver.received().getFirst().header("Gospochta-Callback-Id"));
    }

    @Test
    @DisplayName("GW-3: a message nobody receives → «undeliverable» with its reason as errorCode")
    void undeliverable() {
        Caller caller = caller(true);
        String id = send(caller, "{\"accountId\": \"" + UUID.randomUUID() + "\"}");
        sender.sendAll();

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.signedWith(caller.secret())).isTrue();
            assertThat(r.json().get("id").asString()).isEqualTo(id);
            assertThat(r.json().get("status").asString()).isEqualTo("undeliverable");
            assertThat(r.json().get("errorCode").asString()).isEqualTo("no-such-citizen");
        });
    }

    @Test
    @DisplayName("GW-3: a test key's message is reported too, so an agency can try its receiver, and marked sandbox")
    void sandbox() {
        Caller caller = caller(true, CredentialKind.TEST);
        String id = send(caller, toCitizen());
        sender.sendAll();

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.json().get("id").asString()).isEqualTo(id);
            assertThat(r.json().get("status").asString()).isEqualTo("delivered");
            assertThat(r.json().get("sandbox").asBoolean()).isTrue();
        });
    }

    @Test
    @DisplayName("NTF-5, GW-3: an event with e-mail chosen → «notification.status» delivered for the e-mail once dispatched")
    void notificationDelivered() {
        Caller caller = caller(true);
        confirmedEmail(citizen.id());
        HttpResponse<String> raised = client.postWith(caller.token(), "/api/v1/events", JSON, """
                {"recipient": {"snils": "%s"}, "type": "charge-issued",
                 "variables": {"operationId": "18810177230000012345", "date": "2026-03-01", "amount": "1500.00",
                               "paymentDetails": "УФК по г. Москве (ФНС России)", "link": "/payments/18810177230000012345"}}"""
                .formatted(citizen.snils()));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(202);
        JsonNode answer = TokenClient.json(raised);
        JsonNode email = null;
        for (JsonNode n : answer.get("notifications")) {
            if (n.get("channel").asString().equals("email")) {
                email = n;
            }
        }
        assertThat(email).as(raised.body()).isNotNull();
        assertThat(queuedFor(caller.systemId())).isEmpty();

        notifications.dispatchAll();
        awaitQueued(caller.systemId(), 1);
        sender.sendAll();

        String notificationId = email.get("id").asString();
        assertThat(receiver.received()).filteredOn(r -> r.json().get("id").asString().equals(notificationId))
                .singleElement().satisfies(r -> {
                    assertThat(r.signedWith(caller.secret())).isTrue();
                    JsonNode body = r.json();
                    assertThat(body.get("type").asString()).isEqualTo("notification.status");
                    assertThat(body.get("eventId").asString()).isEqualTo(answer.get("id").asString());
                    assertThat(body.get("channel").asString()).isEqualTo("email");
                    assertThat(body.get("status").asString()).isEqualTo("delivered");
                    assertThat(Instant.parse(body.get("at").asString())).isNotNull();
                });
    }

    @Test
    @DisplayName("NTF-3, GW-3: an event gathered into a daily digest → «notification.status» for its own notification once the digest letter is delivered")
    void foldedIntoADigest() {
        Caller caller = caller(true);
        confirmedEmail(citizen.id());
        ZoneId zone = Preferences.DEFAULT_ZONE;
        ZonedDateTime local = clock.instant().atZone(zone);
        preferences.save(citizen.id(), new Preferences(Map.of(Category.DOCUMENTS_READY,
                new Preferences.Row(EnumSet.of(Channel.EMAIL), Frequency.DAILY)), Preferences.LetterFormat.TEXT,
                local.plusHours(2).getHour(), DayOfWeek.MONDAY, 1, null, null, zone, null), clock.instant());
        HttpResponse<String> raised = client.postWith(caller.token(), "/api/v1/events", JSON, """
                {"recipient": {"snils": "%s"}, "type": "document-ready", "variables": {"documentName": "Выписка из ЕГРН"}}"""
                .formatted(citizen.snils()));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(202);
        JsonNode answer = TokenClient.json(raised);
        String emailNotice = null;
        for (JsonNode n : answer.get("notifications")) {
            if (n.get("channel").asString().equals("email")) {
                assertThat(n.get("status").asString()).isEqualTo("waiting-digest");
                emailNotice = n.get("id").asString();
            }
        }
        assertThat(emailNotice).as(raised.body()).isNotNull();

        clock.advance(Duration.between(clock.instant(), local.plusHours(2).withMinute(0).withSecond(0).withNano(0).toInstant())
                .plusSeconds(1));
        assertThat(digests.gatherDue()).isOne();
        notifications.dispatchAll();
        awaitQueued(caller.systemId(), 1);
        sender.sendAll();

        String id = emailNotice;
        assertThat(receiver.received()).filteredOn(r -> r.json().get("id").asString().equals(id))
                .singleElement().satisfies(r -> {
                    assertThat(r.signedWith(caller.secret())).isTrue();
                    assertThat(r.json().get("type").asString()).isEqualTo("notification.status");
                    assertThat(r.json().get("eventId").asString()).isEqualTo(answer.get("id").asString());
                    assertThat(r.json().get("status").asString()).isEqualTo("delivered");
                });
    }

    @Test
    @DisplayName("GW-3: a receiver answering 500 twice, then 200 → delivered on the third attempt, after waits of about 10 s and 20 s")
    void retriesWithBackoff() {
        Caller caller = caller(true);
        receiver.answer(500, 500);
        send(caller, toCitizen());

        sender.sendAll();
        Map<String, Object> first = queuedFor(caller.systemId()).getFirst();
        assertThat(first).containsEntry("status", "pending").containsEntry("attempts", 1).containsEntry("last_status_code", 500)
                .containsEntry("last_error", "http-500");
        Duration firstWait = Duration.between(clock.instant(), instant(first.get("next_attempt_at")));
        assertThat(firstWait).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        sender.sendAll();
        assertThat(receiver.received()).as("not due before its wait").hasSize(1);

        clock.advance(Duration.ofSeconds(11));
        sender.sendAll();
        Map<String, Object> second = queuedFor(caller.systemId()).getFirst();
        assertThat(second).containsEntry("status", "pending").containsEntry("attempts", 2);
        assertThat(Duration.between(clock.instant(), instant(second.get("next_attempt_at"))))
                .isBetween(Duration.ofSeconds(18), Duration.ofSeconds(22));

        clock.advance(Duration.ofSeconds(22));
        sender.sendAll();

        Map<String, Object> done = queuedFor(caller.systemId()).getFirst();
        assertThat(done).containsEntry("status", "delivered").containsEntry("attempts", 3).containsEntry("last_status_code", 200);
        assertThat(attemptsOf(done.get("id"))).extracting(a -> a.get("status_code")).containsExactly(500, 500, 200);
        assertThat(receiver.received()).hasSize(3).allSatisfy(r -> assertThat(r.signedWith(caller.secret())).isTrue())
                .extracting(r -> r.header("Gospochta-Callback-Id")).containsOnly(done.get("id").toString());
        // Each attempt is signed when it is sent, so a receiver checking the time accepts a late retry.
        assertThat(receiver.received().get(2).signedAt() - receiver.received().get(0).signedAt()).isGreaterThanOrEqualTo(33);
    }

    @Test
    @DisplayName("GW-3: a receiver that does not answer within 5 s → the attempt is a timeout, counted as a failure and retried")
    void timeout() {
        Caller caller = caller(true);
        receiver.hangFor(Duration.ofSeconds(15));
        send(caller, toCitizen());

        long started = System.nanoTime();
        sender.sendAll();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(12));
        Map<String, Object> row = queuedFor(caller.systemId()).getFirst();
        assertThat(row).containsEntry("status", "pending").containsEntry("attempts", 1).containsEntry("last_error", "timeout")
                .containsEntry("last_status_code", null);
        assertThat(attemptsOf(row.get("id"))).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("error", "timeout");
            assertThat((Integer) a.get("duration_ms")).isBetween(4_900, 12_000);
        });
    }

    @Test
    @DisplayName("GW-3: failures for 24 hours → the callback is given up as failed, each attempt journalled")
    void givesUpAfterADay() {
        Caller caller = caller(true);
        for (int i = 0; i < 40; i++) {
            receiver.answer(503);
        }
        send(caller, toCitizen());

        sender.sendAll();
        for (int hour = 0; hour < 30 && "pending".equals(queuedFor(caller.systemId()).getFirst().get("status")); hour++) {
            clock.advance(Duration.ofHours(1));
            sender.sendAll();
        }

        Map<String, Object> row = queuedFor(caller.systemId()).getFirst();
        assertThat(row).containsEntry("status", "failed").containsEntry("last_error", "http-503").containsEntry("next_attempt_at", null);
        int attempts = (Integer) row.get("attempts");
        // One attempt each hour the clock moves, until the waits reach an hour and their jitter skips some hours.
        assertThat(attempts).isBetween(12, 30);
        assertThat(attemptsOf(row.get("id"))).hasSize(attempts);
        Instant created = instant(row.get("created_at"));
        Instant last = instant(attemptsOf(row.get("id")).getLast().get("started_at"));
        assertThat(Duration.between(created, last)).isBetween(Duration.ofHours(22), Duration.ofHours(24));
        clock.advance(Duration.ofHours(2));
        int before = receiver.received().size();
        sender.sendAll();
        assertThat(receiver.received()).hasSize(before);
    }

    @Test
    @DisplayName("GW-3: a system without a callback URL → nothing is queued for its messages or their reading")
    void nothingWithoutUrl() {
        Caller caller = caller(false);
        String id = send(caller, toCitizen());
        mailbox.open(citizen.id(), UUID.fromString(id), "127.0.0.1");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "read".equals(db.sql(
                "SELECT status FROM gateway.messages WHERE id = :id").param("id", UUID.fromString(id)).query(String.class).single()));

        assertThat(queuedFor(caller.systemId())).isEmpty();
        sender.sendAll();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    @DisplayName("NTF-5, GW-3: a message to a citizen with no confirmed address → its e-mail notice is skipped as it is written, and the agency hears «skipped» with the reason")
    void skippedAtOnce() {
        Caller caller = caller(true);
        preferences.save(citizen.id(), Preferences.defaults(), clock.instant());
        String id = send(caller, toCitizen());

        // Settled in the transaction that accepted the message: no dispatcher has run.
        assertThat(db.sql("""
                        SELECT n.status || ':' || coalesce(n.provider, '') || ':' || n.error_code FROM notify.notifications n
                        WHERE n.event_id = :id AND n.channel = 'EMAIL'""")
                .param("id", UUID.fromString(id)).query(String.class).single()).startsWith("skipped:").endsWith(":no-confirmed-address");
        assertThat(db.sql("""
                        SELECT a.status || ':' || coalesce(a.error_code, '') FROM notify.attempts a
                        JOIN notify.notifications n ON n.id = a.notification_id
                        WHERE n.event_id = :id AND n.channel = 'EMAIL' ORDER BY a.id""")
                .param("id", UUID.fromString(id)).query(String.class).list())
                .containsExactly("created:", "skipped:no-confirmed-address");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                "SELECT count(*) FROM gateway.callbacks WHERE system_id = :s AND kind = 'notification'")
                .param("s", caller.systemId()).query(Long.class).single() == 1);
        sender.sendAll();

        assertThat(receiver.received()).filteredOn(r -> r.json().get("type").asString().equals("notification.status"))
                .singleElement().satisfies(r -> {
                    assertThat(r.signedWith(caller.secret())).isTrue();
                    assertThat(r.json().get("eventId").asString()).isEqualTo(id);
                    assertThat(r.json().get("channel").asString()).isEqualTo("email");
                    assertThat(r.json().get("status").asString()).isEqualTo("skipped");
                    assertThat(r.json().get("errorCode").asString()).isEqualTo("no-confirmed-address");
                });
    }

    @Test
    @DisplayName("GW-3: removing the callback gives up what was still queued; nothing more is posted")
    void removedCallback() {
        Caller caller = caller(true);
        receiver.answer(500);
        send(caller, toCitizen());
        sender.sendAll();

        assertThat(callbacks.remove(caller.agencyId(), caller.systemId(), GatewayFixtures.ACTOR, null)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        sender.sendAll();

        assertThat(receiver.received()).hasSize(1);
        assertThat(queuedFor(caller.systemId())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "failed").containsEntry("last_error", "callback-removed"));
        send(caller, toCitizen());
        assertThat(queuedFor(caller.systemId())).hasSize(1);
    }

    private void confirmedEmail(UUID account) {
        db.sql("""
                INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                VALUES (:id, :account, 'PRIMARY', :address, 'CONFIRMED', :now, :now)""")
                .param("id", UUID.randomUUID()).param("account", account)
                .param("address", "citizen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru")
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
    }
}
