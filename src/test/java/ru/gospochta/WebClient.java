package ru.gospochta;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small browser over real HTTP for tests: keeps cookies, follows no redirects on its own, and
 * signs in to the admin area through the real form (with its CSRF token).
 */
public final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final java.util.List<HttpResponse<String>> history = new java.util.ArrayList<>();
    private final HttpClient http;

    public WebClient(int port) {
        // 127.0.0.1 rather than localhost, so the source address the server sees is predictable.
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends this cookie from now on, e.g. a session made by the test. */
    public WebClient withCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
        return this;
    }

    /** Every response this client received, oldest first. */
    public java.util.List<HttpResponse<String>> history() {
        return java.util.List.copyOf(history);
    }

    /** The value of a cookie the server set, if it did. */
    public java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(URI.create(base)).stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A GET with HTTP Basic credentials, as a scraper or an operator's curl sends them. */
    public HttpResponse<String> getAs(String login, String password, String path) {
        String token = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return get(path, "Authorization", "Basic " + token);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Signs in through /admin/login; returns the response of the form post (a redirect on success). */
    public HttpResponse<String> signIn(String login, String password) {
        String form = get("/admin/login").body();
        return postForm("/admin/login", Map.of("username", login, "password", password, "_csrf", csrfToken(form)));
    }

    public static String csrfToken(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            history.add(response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
