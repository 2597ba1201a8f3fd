package ru.gospochta.notify.push;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * A signed-in citizen's browser over real HTTP, as {@code push.js} talks to the server: JSON posts
 * and deletes with the CSRF token the page publishes in its meta tags, and the list's form posts.
 */
final class PushCitizen {

    static final String BASE = "/cabinet/notifications/push";
    static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Safari/537.36";
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern META_HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    final Account account;
    private final String base;
    private final String cookie;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private PushCitizen(Account account, int port, String cookie) {
        this.account = account;
        this.base = "http://127.0.0.1:" + port;
        this.cookie = cookie;
    }

    static PushCitizen signedIn(int port, Accounts accounts, PasswordEncoder passwords, SessionRepository<? extends Session> sessions) {
        Account account = TestCitizens.create(accounts, passwords);
        String cookie = TestCitizens.signedIn(port, account, sessions).cookie("GOSPOCHTA_SESSION").orElseThrow();
        return new PushCitizen(account, port, cookie);
    }

    UUID id() {
        return account.id();
    }

    HttpResponse<String> page(String path) {
        return send(request(path).header("Accept", "text/html").GET());
    }

    /** The server's VAPID key, as push.js fetches it. */
    HttpResponse<String> key() {
        return send(request(BASE + "/key").GET());
    }

    /** What push.js posts after the browser subscribed, from Chrome on Windows. */
    HttpResponse<String> subscribe(String json) {
        return send(withToken(request(BASE + "/subscriptions"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", CHROME_ON_WINDOWS)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> subscribeWithoutToken(String json) {
        return send(request(BASE + "/subscriptions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(UUID subscription) {
        return send(withToken(request(BASE + "/subscriptions/" + subscription)).DELETE());
    }

    /** «Отключить» as the list's form posts it; with htmx it asks for the list back. */
    HttpResponse<String> remove(UUID subscription, boolean htmx) {
        String[] token = token();
        HttpRequest.Builder request = request(BASE + "/subscriptions/" + subscription + "/remove")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token[1], StandardCharsets.UTF_8)));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", "GOSPOCHTA_SESSION=" + cookie);
    }

    private HttpRequest.Builder withToken(HttpRequest.Builder request) {
        String[] token = token();
        return request.header(token[0], token[1]);
    }

    /** The CSRF header name and token, from the meta tags of the page, as push.js reads them. */
    private String[] token() {
        String page = page(BASE).body();
        Matcher token = META_TOKEN.matcher(page);
        Matcher header = META_HEADER.matcher(page);
        if (!token.find() || !header.find()) {
            throw new AssertionError("the page publishes no CSRF token");
        }
        return new String[] {header.group(1), token.group(1)};
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
