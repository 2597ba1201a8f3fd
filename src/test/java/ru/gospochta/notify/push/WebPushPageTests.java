package ru.gospochta.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * NTF-3, NTF-5: the page that turns push on in a browser, its script and service worker, and the
 * key it subscribes with. Headless browsers have no push service, so what a browser does with them
 * is left to a person; what the server hands out is checked here.
 */
@PushTest
@DisplayName("NTF-5: the push page, its script, the service worker and the VAPID key are served")
class WebPushPageTests {

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Value("${gospochta.data-dir}") Path dataDir;
    @LocalServerPort int port;

    @Test
    @DisplayName("NTF-5: the page shows «Включить уведомления в этом браузере», driven by push.js, and the empty list")
    void pageRenders() {
        PushCitizen citizen = PushCitizen.signedIn(port, accounts, passwords, sessions);

        HttpResponse<String> page = citizen.page(PushCitizen.BASE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Уведомления в браузере", "id=\"push-enable-button\"",
                "Включить уведомления в этом браузере", "data-key-url=\"/cabinet/notifications/push/key\"",
                "data-worker-url=\"/push-sw.js\"", "id=\"push-unsupported\"",
                "Уведомления не включены ни в одном браузере");
        Matcher script = Pattern.compile("<script src=\"(/js/push-[0-9a-f]{32}\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("a versioned push.js").isTrue();
        HttpResponse<String> js = new WebClient(port).get(script.group(1));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(js.body()).contains("pushManager.subscribe", "userVisibleOnly: true");
    }

    @Test
    @DisplayName("NTF-5: the page is in English with ?lang=en")
    void pageInEnglish() {
        PushCitizen citizen = PushCitizen.signedIn(port, accounts, passwords, sessions);

        assertThat(citizen.page(PushCitizen.BASE + "?lang=en").body())
                .contains("Turn on notifications in this browser", "Notifications are not on in any browser");
    }

    @Test
    @DisplayName("NTF-5: /push-sw.js is served at the site's root as JavaScript to anyone, without a session, never stale")
    void serviceWorkerServed() {
        HttpResponse<String> worker = new WebClient(port).get("/push-sw.js");

        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(worker.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-cache"));
        assertThat(worker.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(worker.body()).contains("showNotification", "notificationclick", "self.location.origin");
    }

    @Test
    @DisplayName("NTF-5: the key page and the subscriptions are for signed-in citizens only")
    void anonymousSentToSignIn() {
        HttpResponse<String> key = new WebClient(port).get(PushCitizen.BASE + "/key");

        assertThat(key.statusCode()).isEqualTo(302);
        assertThat(key.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    @DisplayName("NTF-5: the VAPID key is generated into <data dir>/keys/vapid.pem, owner-only, and the published key is its public half")
    void keyGeneratedAndPublished() throws Exception {
        PushCitizen citizen = PushCitizen.signedIn(port, accounts, passwords, sessions);
        String published = citizen.key().body();
        Path file = dataDir.resolve("keys").resolve("vapid.pem");

        byte[] point = TestBrowser.UNBASE64URL.decode(published);
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        var privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""))));
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(privateKey);
        sign.update(published.getBytes(StandardCharsets.US_ASCII));
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(TestBrowser.publicKey(point));
        verify.update(published.getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(signature)).as("the file's key and the published key are one pair").isTrue();
    }
}
