package ru.gospochta.notify;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import ru.gospochta.WebClient;

/** A member of staff in the admin area over real HTTP: signed in through the real form, posting with the page's CSRF token. */
final class StaffPages {

    private final WebClient web;

    private StaffPages(WebClient web) {
        this.web = web;
    }

    static StaffPages signedIn(int port, String login, String password) {
        WebClient web = new WebClient(port);
        HttpResponse<String> signIn = web.signIn(login, password);
        if (signIn.statusCode() != 302 || signIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("sign-in failed for " + login);
        }
        return new StaffPages(web);
    }

    HttpResponse<String> get(String path) {
        return web.get(path, "Accept", "text/html");
    }

    /** Posts to {@code path} with the CSRF token of the page at {@code page}; fields are name/value pairs. */
    HttpResponse<String> post(String path, String page, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", WebClient.csrfToken(get(page).body()));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return web.postForm(path, form);
    }
}
