package ru.gospochta.mailbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** A signed-in citizen over real HTTP: pages as text, downloads as bytes, posts with the session's CSRF token. */
final class Citizen {

    final Account account;
    final WebClient web;
    private final int port;
    private final String session;

    private Citizen(Account account, WebClient web, int port) {
        this.account = account;
        this.web = web;
        this.port = port;
        this.session = web.cookie("GOSPOCHTA_SESSION").orElseThrow();
    }

    static Citizen signedIn(int port, Accounts accounts, PasswordEncoder passwords, SessionRepository<? extends Session> sessions) {
        Account account = TestCitizens.create(accounts, passwords);
        return new Citizen(account, TestCitizens.signedIn(port, account, sessions), port);
    }

    UUID id() {
        return account.id();
    }

    String sessionCookie() {
        return session;
    }

    HttpResponse<String> get(String path) {
        return web.get(path, "Accept", "text/html");
    }

    /** A form post as a browser sends it, with the CSRF token of this session. */
    HttpResponse<String> post(String path, String... fields) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        form.put("_csrf", WebClient.csrfToken(get("/cabinet/mailbox/folders").body()));
        return web.postForm(path, form);
    }

    HttpResponse<byte[]> download(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", "GOSPOCHTA_SESSION=" + session).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
