package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.notify.internal.delivery.UnsubscribeTokens;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.platform.internal.mail.MailCatcher;

@NotifyTest
@DisplayName("NTF-6: one-click unsubscribe from the link of a letter")
class NotificationSettingsUnsubscribeTests {

    private static final String PATH = "/notifications/unsubscribe";
    private static final String REFUSED = "Ссылка для отписки недействительна";

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired UnsubscribeTokens tokens;
    @Autowired PreferencesStore store;
    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired MailCatcher catcher;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    Account citizen;
    WebClient mailClient;

    @BeforeEach
    void citizen() {
        citizen = TestCitizens.create(accounts, passwords);
        // Whoever holds the letter: not signed in, no cookies, no CSRF token.
        mailClient = new WebClient(port);
    }

    @Test
    @DisplayName("NTF-6: opening the link shows one button and changes nothing, without signing in and without setting a cookie")
    void confirmationPage() {
        HttpResponse<String> page = mailClient.get(PATH + "?t=" + tokens.token(citizen.id(), Category.PAYMENTS));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Отписаться от писем категории «Начисления и платежи»",
                "Письма категории «Начисления и платежи» больше не будут приходить на электронную почту");
        assertThat(page.body().split("<button", -1)).hasSize(2);
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("GOSPOCHTA_SESSION"));
        assertThat(SettingsPages.rows(db, citizen.id())).isZero();
    }

    @Test
    @DisplayName("NTF-6: a mail client's POST of List-Unsubscribe=One-Click to the link, without CSRF token, turns e-mail off for that category only")
    void oneClick() {
        HttpResponse<String> done = mailClient.postForm(PATH + "?t=" + tokens.token(citizen.id(), Category.PAYMENTS),
                Map.of("List-Unsubscribe", "One-Click"));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("письма категории «Начисления и платежи» больше не будут приходить");
        Preferences stored = store.of(citizen.id());
        assertThat(stored.row(Category.PAYMENTS).channels()).containsExactly(Channel.CABINET);
        assertThat(stored.row(Category.APPLICATION_STATUS).channels()).contains(Channel.EMAIL);
        assertThat(SettingsPages.audited(db, "notify.unsubscribed", citizen.id())).singleElement()
                .satisfies(d -> assertThat(d).contains("\"category\":\"payments\"", "\"changed\":\"true\"",
                        "\"payments.channels\":\"EMAIL → —\""));

        assertThat(mailClient.postForm(PATH + "?t=" + tokens.token(citizen.id(), Category.PAYMENTS),
                Map.of("List-Unsubscribe", "One-Click")).statusCode()).as("a second click is answered the same").isEqualTo(200);
    }

    @Test
    @DisplayName("NTF-6: the button of the confirmation page posts the token as a form field and works the same")
    void button() {
        HttpResponse<String> done = mailClient.postForm(PATH, Map.of("t", tokens.token(citizen.id(), Category.DEADLINES)));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Готово", "href=\"/cabinet/notifications\"");
        assertThat(store.of(citizen.id()).row(Category.DEADLINES).channels()).doesNotContain(Channel.EMAIL);
    }

    @Test
    @DisplayName("NTF-6: unsubscribing from news of services withdraws the consent, logged with source «unsubscribe-link»")
    void newServices() {
        Instant now = Instant.now();
        store.save(citizen.id(), Preferences.defaults()
                .withRow(Category.NEW_SERVICES, new Preferences.Row(EnumSet.of(Channel.EMAIL, Channel.SMS), Frequency.EACH_EVENT))
                .withPromotionalConsent(now), now);

        HttpResponse<String> done = mailClient.postForm(PATH + "?t=" + tokens.token(citizen.id(), Category.NEW_SERVICES),
                Map.of("List-Unsubscribe", "One-Click"));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Согласие на получение сведений о новых услугах отозвано");
        Preferences stored = store.of(citizen.id());
        assertThat(stored.promotionalConsentAt()).isNull();
        assertThat(stored.row(Category.NEW_SERVICES).channels()).doesNotContain(Channel.EMAIL);
        assertThat(SettingsPages.consents(db, citizen.id())).containsExactly("true settings", "false unsubscribe-link");
    }

    @Test
    @DisplayName("NTF-6: a forged, damaged or missing token → 400 with a clear message, and nothing changes")
    void forged() {
        Account other = TestCitizens.create(accounts, passwords);
        String genuine = tokens.token(citizen.id(), Category.PAYMENTS);
        String signature = genuine.substring(genuine.lastIndexOf('.') + 1);
        String forOther = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((other.id() + ".payments").getBytes(StandardCharsets.UTF_8)) + "." + signature;
        String otherCategory = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((citizen.id() + ".deadlines").getBytes(StandardCharsets.UTF_8)) + "." + signature;

        for (String token : List.of(forOther, otherCategory, genuine.substring(0, genuine.length() - 2), "nonsense", "")) {
            HttpResponse<String> page = mailClient.get(PATH + "?t=" + token);
            assertThat(page.statusCode()).as(token).isEqualTo(400);
            assertThat(page.body()).contains(REFUSED).doesNotContain("<button");
            HttpResponse<String> post = mailClient.postForm(PATH + "?t=" + token, Map.of("List-Unsubscribe", "One-Click"));
            assertThat(post.statusCode()).as(token).isEqualTo(400);
            assertThat(post.body()).contains(REFUSED);
        }
        assertThat(mailClient.postForm(PATH, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(400);
        assertThat(SettingsPages.rows(db, citizen.id())).isZero();
        assertThat(SettingsPages.rows(db, other.id())).isZero();
        assertThat(SettingsPages.audited(db, "notify.unsubscribed", other.id())).isEmpty();
    }

    @Test
    @DisplayName("NTF-6: a link for security notices is refused politely, since they cannot be switched off")
    void mandatory() {
        String token = tokens.token(citizen.id(), Category.SECURITY);

        HttpResponse<String> page = mailClient.get(PATH + "?t=" + token);
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("Уведомления категории «Безопасность» отключить нельзя").doesNotContain("<button");
        HttpResponse<String> post = mailClient.postForm(PATH + "?t=" + token, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(post.statusCode()).isEqualTo(422);
        assertThat(SettingsPages.rows(db, citizen.id())).isZero();
    }

    @Test
    @DisplayName("NTF-6: the List-Unsubscribe link of a real letter stops the next letters of its category")
    void fromALetter() throws Exception {
        String address = Citizens.confirmedEmail(db, citizen.id());
        notifications.raise(statusChanged());
        dispatcher.dispatchAll();
        Message[] letters = Citizens.letters(catcher.imapPort(), address);
        assertThat(letters).hasSize(1);
        String header = letters[0].getHeader("List-Unsubscribe")[0];
        URI link = URI.create(header.substring(1, header.length() - 1));

        HttpResponse<String> done = mailClient.postForm(link.getRawPath() + "?" + link.getRawQuery(),
                Map.of("List-Unsubscribe", "One-Click"));

        assertThat(done.statusCode()).isEqualTo(200);
        EventAccepted next = notifications.raise(statusChanged());
        assertThat(next.notifications()).extracting(EventAccepted.Planned::channel).doesNotContain(Channel.EMAIL);
    }

    private NewEvent statusChanged() {
        return new NewEvent(UUID.randomUUID(), citizen.id(), "application-status-changed", Map.of("applicationNumber",
                "1234567890", "serviceName", "Выдача паспорта", "status", "Услуга оказана", "date", "2026-11-20"),
                "system:test", null, new NewEvent.Sender(UUID.randomUUID(), "ФНС России"));
    }
}
