package ru.gospochta.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.EventAccepted;
import ru.gospochta.notify.Frequency;
import ru.gospochta.notify.NewEvent;
import ru.gospochta.notify.Notifications;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

@PushTest
@DisplayName("NTF-3, NTF-5: a citizen who chose push gets each notice in the browsers they subscribed")
class PushNotificationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Notifications notifications;
    @Autowired PreferencesStore preferences;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired HikariDataSource dataSource;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    TestPushService service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @DisplayName("NTF-5: an event with push chosen reaches the subscribed browser, decrypted with a link into the cabinet; the notification is delivered")
    void eventToBrowser() throws Exception {
        PushCitizen citizen = PushCitizen.signedIn(port, accounts, passwords, sessions);
        service = new TestPushService(citizen.key().body(), () -> dataSource.getHikariPoolMXBean().getActiveConnections());
        TestBrowser browser = TestBrowser.create();
        assertThat(citizen.subscribe(browser.subscriptionJson(service.endpointFor(browser))).statusCode()).isEqualTo(201);
        preferences.save(citizen.id(), new Preferences(Map.of(Category.DOCUMENTS_READY,
                new Preferences.Row(EnumSet.of(Channel.PUSH), Frequency.EACH_EVENT)), Preferences.LetterFormat.HTML, 9,
                DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE, null), Instant.now());

        EventAccepted accepted = notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "document-ready",
                Map.of("documentName", "Выписка из ЕГРН"), "system:test", null, null));

        TestPushService.Received received = service.next();
        assertThat(received.problem()).isNull();
        JsonNode payload = JSON.readTree(received.payload());
        assertThat(payload.get("title").asString()).isEqualTo("Документ готов: Выписка из ЕГРН");
        assertThat(payload.get("url").asString()).isEqualTo("/cabinet/mailbox/messages/" + accepted.messageId());
        UUID notification = accepted.notifications().getFirst().notificationId();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.sql(
                "SELECT status || ':' || coalesce(provider, '') FROM notify.notifications WHERE id = :id").param("id", notification)
                .query(String.class).single()).isEqualTo("delivered:web-push"));
    }
}
