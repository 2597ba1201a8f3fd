package ru.gospochta.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ru.gospochta.WebClient;

/**
 * A member of staff in the admin area: signs in through the real form, then reads pages and
 * posts forms with their CSRF token, repeating a field for every ticked checkbox as a browser does.
 */
final class AdminBrowser {

    private final WebClient web;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private AdminBrowser(int port, WebClient web) {
        this.web = web;
        this.base = "http://127.0.0.1:" + port;
    }

    static AdminBrowser signedIn(int port, String login, String password) {
        WebClient web = new WebClient(port);
        HttpResponse<String> signIn = web.signIn(login, password);
        if (signIn.statusCode() != 302 || signIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("sign-in failed for " + login);
        }
        return new AdminBrowser(port, web);
    }

    HttpResponse<String> get(String path) {
        return web.get(path, "Accept", "text/html");
    }

    /** Posts the form at {@code path} with the CSRF token of {@code page}; fields are name/value pairs. */
    HttpResponse<String> post(String path, String page, String... fields) {
        List<String> pairs = new ArrayList<>();
        pairs.add("_csrf=" + URLEncoder.encode(WebClient.csrfToken(page), StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .header("Cookie", "GOSPOCHTA_SESSION=" + web.cookie("GOSPOCHTA_SESSION").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("not found: " + pattern);
        }
        return m.group(1);
    }
}
