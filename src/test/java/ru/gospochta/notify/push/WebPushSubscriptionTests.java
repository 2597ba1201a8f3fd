package ru.gospochta.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.push.PushSubscriptions;
import ru.gospochta.notify.internal.push.Subscription;

/**
 * NTF-3, NTF-5: subscribing a browser and turning it off again. The server stores only what can
 * work — an https endpoint of a push service, a P-256 point, a 16-byte secret — keeps ten browsers
 * per account, and lets nobody turn off another citizen's browser.
 */
@PushTest
@DisplayName("NTF-5: browsers subscribe to push notifications through checked endpoints")
class WebPushSubscriptionTests {

    private static final String FCM = "https://fcm.googleapis.com/fcm/send/";

    @Autowired PushSubscriptions subscriptions;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @LocalServerPort int port;

    PushCitizen citizen;
    TestBrowser browser;

    @BeforeEach
    void signedIn() {
        citizen = PushCitizen.signedIn(port, accounts, passwords, sessions);
        browser = TestBrowser.create();
    }

    @Test
    @DisplayName("NTF-5: a browser's PushSubscription is stored with its keys and named after its User-Agent in the list")
    void subscribes() {
        HttpResponse<String> response = citizen.subscribe(browser.subscriptionJson(FCM + UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(201);
        Subscription stored = subscriptions.of(citizen.id()).getFirst();
        assertThat(response.body()).contains(stored.id().toString());
        assertThat(response.headers().firstValue("Location")).hasValue(PushCitizen.BASE + "/subscriptions/" + stored.id());
        assertThat(stored.p256dh()).isEqualTo(browser.publicKey);
        assertThat(stored.auth()).isEqualTo(browser.auth);
        assertThat(stored.userAgent()).isEqualTo("Chrome, Windows");
        String page = citizen.page(PushCitizen.BASE).body();
        assertThat(page).contains("push-device-" + stored.id(), "Chrome, Windows", "Отключить",
                "hx-post=\"/cabinet/notifications/push/subscriptions/" + stored.id() + "/remove\"");
        assertThat(page).containsPattern("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"");
        // The endpoint is as good as a key to the browser: it never appears on a page.
        assertThat(page).doesNotContain(stored.endpoint().toString());
    }

    @Test
    @DisplayName("NTF-5: a public key that is not a point of P-256, or not 65 bytes, is refused")
    void refusesBadKey() {
        byte[] offCurve = new byte[65];
        offCurve[0] = 4;
        offCurve[32] = 1;
        offCurve[64] = 1;
        assertRefused(json(FCM + UUID.randomUUID(), TestBrowser.BASE64URL.encodeToString(offCurve), browser.authSecret()),
                "notify.push.refused.key");
        assertRefused(json(FCM + UUID.randomUUID(), TestBrowser.BASE64URL.encodeToString(Arrays.copyOf(browser.publicKey, 64)),
                browser.authSecret()), "notify.push.refused.key");
        assertRefused(json(FCM + UUID.randomUUID(), "не base64", browser.authSecret()), "notify.push.refused.key");
        assertRefused("{\"endpoint\":\"" + FCM + UUID.randomUUID() + "\"}", "notify.push.refused.key");
    }

    @Test
    @DisplayName("NTF-5: an auth secret of other than 16 bytes is refused")
    void refusesBadAuth() {
        assertRefused(json(FCM + UUID.randomUUID(), browser.p256dh(), TestBrowser.BASE64URL.encodeToString(new byte[15])),
                "notify.push.refused.auth");
        assertRefused(json(FCM + UUID.randomUUID(), browser.p256dh(), TestBrowser.BASE64URL.encodeToString(new byte[32])),
                "notify.push.refused.auth");
    }

    @Test
    @DisplayName("NTF-5: an endpoint that is not https, not a push service, or carries credentials is refused")
    void refusesBadEndpoint() {
        assertRefused(browser.subscriptionJson("http://fcm.googleapis.com/fcm/send/abc"), "notify.push.refused.endpoint");
        assertRefused(browser.subscriptionJson("ftp://fcm.googleapis.com/abc"), "notify.push.refused.endpoint");
        assertRefused(browser.subscriptionJson("https://user:secret@fcm.googleapis.com/abc"), "notify.push.refused.endpoint");
        assertRefused(browser.subscriptionJson("/relative"), "notify.push.refused.endpoint");
        // An address of the operator's own network, or a look-alike of a push service, is no push service.
        assertRefused(browser.subscriptionJson("https://10.0.0.5/admin"), "notify.push.refused.service");
        assertRefused(browser.subscriptionJson("https://fcm.googleapis.com.evil.example/x"), "notify.push.refused.service");
        // Firefox, Safari and Edge subscribe through their vendors' services.
        assertThat(citizen.subscribe(browser.subscriptionJson("https://updates.push.services.mozilla.com/wpush/v2/x")).statusCode())
                .isEqualTo(201);
        assertThat(citizen.subscribe(browser.subscriptionJson("https://web.push.apple.com/QGx")).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("NTF-5: a subscription is posted only with the session's CSRF token")
    void needsCsrfToken() {
        assertThat(citizen.subscribeWithoutToken(browser.subscriptionJson(FCM + UUID.randomUUID())).statusCode()).isEqualTo(403);
        assertThat(subscriptions.of(citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("NTF-5: ten browsers per account; the eleventh drops the oldest")
    void tenBrowsersAtMost() {
        for (int i = 0; i < 11; i++) {
            TestBrowser each = TestBrowser.create();
            assertThat(citizen.subscribe(each.subscriptionJson(FCM + "device-" + i + "-" + UUID.randomUUID())).statusCode())
                    .isEqualTo(201);
        }

        List<Subscription> kept = subscriptions.of(citizen.id());
        assertThat(kept).hasSize(10);
        assertThat(kept).noneMatch(s -> s.endpoint().toString().contains("device-0-"));
        assertThat(kept.getFirst().endpoint().toString()).contains("device-10-");
    }

    @Test
    @DisplayName("NTF-5: a browser that subscribes again for another account moves to it; the first account no longer has it")
    void sameBrowserMovesToLastAccount() {
        String endpoint = FCM + UUID.randomUUID();
        citizen.subscribe(browser.subscriptionJson(endpoint));
        PushCitizen second = PushCitizen.signedIn(port, accounts, passwords, sessions);
        TestBrowser renewed = TestBrowser.create();

        assertThat(second.subscribe(renewed.subscriptionJson(endpoint)).statusCode()).isEqualTo(201);

        assertThat(subscriptions.of(citizen.id())).isEmpty();
        assertThat(subscriptions.of(second.id())).singleElement()
                .satisfies(s -> assertThat(s.p256dh()).isEqualTo(renewed.publicKey));
    }

    @Test
    @DisplayName("NTF-5, SEC-3: another citizen cannot turn off someone's browser: 404, and the browser stays subscribed")
    void foreignBrowserNotFound() {
        citizen.subscribe(browser.subscriptionJson(FCM + UUID.randomUUID()));
        UUID id = subscriptions.of(citizen.id()).getFirst().id();
        PushCitizen intruder = PushCitizen.signedIn(port, accounts, passwords, sessions);

        assertThat(intruder.delete(id).statusCode()).isEqualTo(404);
        assertThat(intruder.remove(id, false).statusCode()).isEqualTo(404);
        assertThat(intruder.remove(id, true).statusCode()).isEqualTo(404);
        assertThat(intruder.delete(UUID.randomUUID()).statusCode()).isEqualTo(404);

        assertThat(subscriptions.byId(id)).isPresent();
    }

    @Test
    @DisplayName("NTF-5: the owner turns a browser off by DELETE, by the list's form, or by the form through htmx")
    void ownerTurnsOff() {
        for (int i = 0; i < 3; i++) {
            citizen.subscribe(TestBrowser.create().subscriptionJson(FCM + UUID.randomUUID()));
        }
        List<UUID> ids = subscriptions.of(citizen.id()).stream().map(Subscription::id).toList();

        assertThat(citizen.delete(ids.get(0)).statusCode()).isEqualTo(204);

        HttpResponse<String> form = citizen.remove(ids.get(1), false);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(PushCitizen.BASE + "?removed"));

        HttpResponse<String> htmx = citizen.remove(ids.get(2), true);
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("id=\"push-devices\"", "Уведомления не включены ни в одном браузере")
                .doesNotContain("<html");

        assertThat(subscriptions.of(citizen.id())).isEmpty();
    }

    private void assertRefused(String json, String code) {
        HttpResponse<String> response = citizen.subscribe(json);
        assertThat(response.statusCode()).as(json).isEqualTo(422);
        assertThat(response.body()).as(json).contains("\"code\":\"" + code + "\"")
                .containsPattern("\"message\":\"[А-ЯЁ][а-яё]+ ");
        assertThat(subscriptions.of(citizen.id())).as(json).isEmpty();
    }

    private static String json(String endpoint, String p256dh, String auth) {
        return "{\"endpoint\":\"" + endpoint + "\",\"keys\":{\"p256dh\":\"" + p256dh + "\",\"auth\":\"" + auth + "\"}}";
    }
}
