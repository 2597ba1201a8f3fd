package ru.gospochta.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.push.PushMessage;
import ru.gospochta.notify.internal.push.PushMessage.Urgency;
import ru.gospochta.notify.internal.push.PushResult;
import ru.gospochta.notify.internal.push.PushSubscriptions;
import ru.gospochta.notify.internal.push.Subscription;
import ru.gospochta.notify.internal.push.WebPushSender;

/**
 * NTF-5 Web Push end to end over real HTTP: a citizen's browser subscribes through the page's
 * endpoint, the sender posts to the test's push service, which checks the VAPID token against the
 * published key and decrypts the message with the browser's key; its answers (410, 429, 413, none)
 * decide what becomes of the subscription.
 */
@PushTest
@DisplayName("NTF-5: Web Push messages reach the push service encrypted and signed; its answers decide the subscription's fate")
class WebPushSenderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired WebPushSender sender;
    @Autowired PushSubscriptions subscriptions;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired HikariDataSource dataSource;
    @LocalServerPort int port;

    TestPushService service;
    PushCitizen citizen;
    TestBrowser browser;
    Subscription subscription;
    String publishedKey;

    @BeforeEach
    void subscribedBrowser() throws IOException {
        citizen = PushCitizen.signedIn(port, accounts, passwords, sessions);
        publishedKey = citizen.key().body();
        service = new TestPushService(publishedKey, () -> dataSource.getHikariPoolMXBean().getActiveConnections());
        browser = TestBrowser.create();
        assertThat(citizen.subscribe(browser.subscriptionJson(service.endpointFor(browser))).statusCode()).isEqualTo(201);
        subscription = subscriptions.of(citizen.id()).getFirst();
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    @DisplayName("NTF-5: the push service verifies the VAPID token and decrypts the Cyrillic message the browser will show")
    void deliversEncryptedSignedMessage() throws Exception {
        String url = "/cabinet/mailbox/messages/" + UUID.randomUUID();
        String text = "Требование № 12-345 «О представлении пояснений» — ответ до 20 марта";
        PushMessage message = new PushMessage("Новое письмо от ФНС России", text, url, Urgency.HIGH, Duration.ofHours(2), "mailbox-new");

        PushResult result = sender.send(subscription, message);

        TestPushService.Received received = service.next();
        assertThat(received.problem()).isNull();
        assertThat(result).isEqualTo(new PushResult.Delivered(201));
        JsonNode payload = JSON.readTree(received.payload());
        assertThat(payload.get("title").asString()).isEqualTo("Новое письмо от ФНС России");
        assertThat(payload.get("body").asString()).isEqualTo(text);
        assertThat(payload.get("url").asString()).isEqualTo(url);
        assertThat(payload.get("tag").asString()).isEqualTo("mailbox-new");

        assertThat(received.claims().getAudience()).containsExactly(service.origin());
        assertThat(received.claims().getSubject()).isEqualTo("mailto:noreply@gospochta.local");
        assertThat(received.claims().getExpirationTime().toInstant())
                .isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(24)));
        assertThat(received.headers().getFirst("Authorization")).endsWith("k=" + publishedKey);
        assertThat(received.headers().getFirst("TTL")).isEqualTo("7200");
        assertThat(received.headers().getFirst("Urgency")).isEqualTo("high");
        assertThat(received.headers().getFirst("Topic")).isEqualTo("mailbox-new");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(received.busyConnections()).as("database connections held while the push service answers").isZero();

        Subscription after = subscriptions.byId(subscription.id()).orElseThrow();
        assertThat(after.lastSuccessAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(after.failures()).isZero();
    }

    @Test
    @DisplayName("NTF-5: each message has a key pair and salt of its own, and one record of 4096 bytes ending in the last-record delimiter")
    void freshKeysPerMessage() throws Exception {
        sender.send(subscription, PushMessage.of("Первое", "Текст", "/cabinet"));
        sender.send(subscription, PushMessage.of("Второе", "Текст", "/cabinet"));

        TestPushService.Received first = service.next();
        TestPushService.Received second = service.next();
        assertThat(first.payload()).contains("Первое");
        assertThat(second.payload()).contains("Второе");
        TestBrowser.Header one = TestBrowser.header(first.body());
        TestBrowser.Header two = TestBrowser.header(second.body());
        assertThat(one.recordSize()).isEqualTo(4096);
        assertThat(one.keyId()).hasSize(65).isNotEqualTo(two.keyId());
        assertThat(one.salt()).isNotEqualTo(two.salt());
        assertThat(first.body().length).isLessThanOrEqualTo(4096);
        assertThat(first.headers().getFirst("Urgency")).isEqualTo("normal");
        assertThat(first.headers().getFirst("TTL")).isEqualTo("86400");
        assertThat(first.headers().containsKey("Topic")).isFalse();
    }

    @Test
    @DisplayName("NTF-5: a text too long for one push message is shortened with «…» and still decrypts")
    void longTextShortened() throws Exception {
        // Three bytes a character in UTF-8, and the longest title, text and address allowed: over 4 KB.
        String body = "₽—".repeat(500);
        String url = "/cabinet/mailbox/search?q=" + "x".repeat(974);
        PushMessage message = PushMessage.of("Ж".repeat(200), body, url);

        assertThat(sender.send(subscription, message)).isInstanceOf(PushResult.Delivered.class);

        TestPushService.Received received = service.next();
        assertThat(received.problem()).isNull();
        assertThat(received.body().length).isLessThanOrEqualTo(4096);
        JsonNode payload = JSON.readTree(received.payload());
        assertThat(payload.get("title").asString()).isEqualTo("Ж".repeat(200));
        assertThat(payload.get("url").asString()).isEqualTo(url);
        String shown = payload.get("body").asString();
        assertThat(shown).endsWith("…").hasSizeLessThan(1000);
        assertThat(body).startsWith(shown.substring(0, shown.length() - 1));
    }

    @Test
    @DisplayName("NTF-5: 410 Gone and 404 mean the browser unsubscribed: the subscription is deleted")
    void goneDeletesSubscription() throws Exception {
        service.answer(410);

        assertThat(sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet"))).isEqualTo(new PushResult.Gone(410));
        assertThat(subscriptions.byId(subscription.id())).isEmpty();
        assertThat(citizen.page(PushCitizen.BASE).body()).doesNotContain("push-device-" + subscription.id());

        TestBrowser other = TestBrowser.create();
        citizen.subscribe(other.subscriptionJson(service.endpointFor(other)));
        Subscription second = subscriptions.of(citizen.id()).getFirst();
        service.answer(404);
        assertThat(sender.send(second, PushMessage.of("Письмо", "Текст", "/cabinet"))).isEqualTo(new PushResult.Gone(404));
        assertThat(subscriptions.of(citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("NTF-5: 429 with Retry-After is a temporary failure with the service's delay; the subscription stays")
    void rateLimitedIsTemporary() {
        service.answer(429, "Retry-After", "120");

        assertThat(sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet")))
                .isEqualTo(new PushResult.TemporaryFailure(429, Duration.ofSeconds(120), "rate-limited"));
        assertThat(subscriptions.byId(subscription.id()).orElseThrow().failures()).isEqualTo(1);
    }

    @Test
    @DisplayName("NTF-5: 503 is temporary too, and Retry-After may be an HTTP date")
    void serviceErrorWithDate() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        service.answer(503, "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(later.atOffset(ZoneOffset.UTC)));

        PushResult result = sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet"));

        assertThat(result).isInstanceOfSatisfying(PushResult.TemporaryFailure.class, failure -> {
            assertThat(failure.status()).isEqualTo(503);
            assertThat(failure.retryAfter()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        });
    }

    @Test
    @DisplayName("NTF-5: 413 Payload Too Large, 400 and 403 are permanent failures; the subscription stays")
    void permanentFailures() {
        service.answer(413);
        assertThat(sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet")))
                .isEqualTo(new PushResult.PermanentFailure(413, "payload-too-large"));
        service.answer(400);
        assertThat(sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet")))
                .isEqualTo(new PushResult.PermanentFailure(400, "bad-request"));
        service.answer(403);
        assertThat(sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet")))
                .isEqualTo(new PushResult.PermanentFailure(403, "vapid-refused"));

        assertThat(subscriptions.byId(subscription.id()).orElseThrow().failures()).isEqualTo(3);
    }

    @Test
    @DisplayName("NTF-5: a push service that does not answer in time is a temporary failure with no status")
    void timeoutIsTemporary() {
        service.hang();

        PushResult result = sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet"));

        assertThat(result).isEqualTo(new PushResult.TemporaryFailure(0, Duration.ZERO, "timeout"));
        assertThat(subscriptions.byId(subscription.id())).isPresent();
    }

    @Test
    @DisplayName("NTF-5: a delivery after failures clears the count")
    void deliveryClearsFailures() {
        service.answer(500);
        sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet"));
        service.answer(201);

        assertThat(sender.send(subscription, PushMessage.of("Письмо", "Текст", "/cabinet"))).isEqualTo(new PushResult.Delivered(201));
        assertThat(subscriptions.byId(subscription.id()).orElseThrow().failures()).isZero();
    }
}
