package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.platform.CaughtMailbox;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Issue #6's main path over the public API, with the dispatcher running as on a server. */
@IdentityTest
class EventsEndToEndTests {

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired PreferencesStore preferences;
    @Autowired MailCatcher catcher;
    @Autowired JdbcClient db;

    @Test
    @DisplayName("NTF-1, NTF-3, NTF-5: an agency's event over the API → a cabinet message, an e-mail read over IMAP and an SMS in the catcher by the grid; with e-mail off → no e-mail")
    void agencyEventReachesEveryChosenChannel() throws Exception {
        TokenClient client = new TokenClient(port);
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String token = client.token(key.credential().credential().clientId(), key.secret());
        Account both = citizen(EnumSet.of(Channel.EMAIL, Channel.SMS));
        Account smsOnly = citizen(EnumSet.of(Channel.SMS));

        UUID first = raise(client, token, both);
        UUID second = raise(client, token, smsOnly);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(letters(address(both))).extracting(Message::getSubject).containsExactly("Заявление № 77-001: Принято");
            assertThat(lastSms(both)).startsWith("Госпочта: Заявление № 77-001: Принято");
            assertThat(lastSms(smsOnly)).startsWith("Госпочта: Заявление № 77-001: Принято");
        });
        assertThat(letters(address(smsOnly))).isEmpty();
        for (UUID message : new UUID[] {first, second}) {
            assertThat(db.sql("SELECT subject FROM mailbox.messages WHERE id = :id").param("id", message).query(String.class)
                    .single()).isEqualTo("Заявление № 77-001: Принято");
        }
        assertThat(client.getWith(token, "/api/v1/events/" + first).body()).contains("\"email\"", "\"sms\"", "\"delivered\"");
    }

    @Test
    @DisplayName("NTF-1, NTF-5, GW-3: a message sent through the API is announced by e-mail, and its status shows each channel's notification")
    void messageIsAnnounced() throws Exception {
        TokenClient client = new TokenClient(port);
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String token = client.token(key.credential().credential().clientId(), key.secret());
        Account citizen = citizen(EnumSet.of(Channel.EMAIL));

        HttpResponse<String> sent = client.postWith(token, "/api/v1/messages", """
                {"recipient": {"snils": "%s"}, "category": "application-status", "subject": "Решение по заявлению",
                 "body": {"text": "Заявление одобрено."}}""".formatted(citizen.snils()));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = TokenClient.json(sent).get("id").asString();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(letters(address(citizen)))
                .extracting(Message::getSubject).containsExactly("Новое сообщение: Решение по заявлению"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var status = TokenClient.json(client.getWith(token, "/api/v1/messages/" + id));
            assertThat(status.get("status").asString()).isEqualTo("delivered");
            assertThat(status.get("notifications").get(0).get("channel").asString()).isEqualTo("email");
            assertThat(status.get("notifications").get(0).get("status").asString()).isEqualTo("delivered");
        });
    }

    private UUID raise(TokenClient client, String token, Account citizen) {
        HttpResponse<String> answer = client.postWith(token, "/api/v1/events", """
                {"recipient": {"snils": "%s"}, "type": "application-status-changed",
                 "variables": {"applicationNumber": "77-001", "serviceName": "Регистрация по месту жительства",
                               "status": "Принято", "date": "2026-11-20"}}""".formatted(citizen.snils()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return UUID.fromString(TokenClient.json(answer).get("messageId").asString());
    }

    private Account citizen(EnumSet<Channel> channels) {
        Account citizen = TestCitizens.create(accounts, passwords);
        db.sql("""
                        INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                        VALUES (:id, :account, 'PRIMARY', :address, 'CONFIRMED', now(), now())""")
                .param("id", UUID.randomUUID()).param("account", citizen.id())
                .param("address", "e2e-" + citizen.id().toString().substring(0, 8) + "@example.ru").update();
        preferences.save(citizen.id(), new Preferences(Map.of(Category.APPLICATION_STATUS,
                new Preferences.Row(channels, Frequency.EACH_EVENT)), Preferences.LetterFormat.HTML, 9, DayOfWeek.MONDAY, 1,
                null, null, Preferences.DEFAULT_ZONE, null), Instant.now());
        return citizen;
    }

    private static String address(Account citizen) {
        return "e2e-" + citizen.id().toString().substring(0, 8) + "@example.ru";
    }

    private String lastSms(Account citizen) {
        return db.sql("SELECT text FROM platform.caught_sms WHERE phone = :p ORDER BY id DESC LIMIT 1")
                .param("p", citizen.phone()).query(String.class).optional().orElse("");
    }

    private Message[] letters(String address) throws Exception {
        return CaughtMailbox.letters(catcher.imapPort(), address);
    }
}
