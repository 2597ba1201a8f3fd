package ru.gospochta.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare HTTP client against the test server: no redirects followed and no cookies kept, so
 * each test states exactly which headers a visitor sends.
 */
final class Http {

    /** What Chromium and Firefox send for a page. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL);
    private static final Pattern HTML_LANG = Pattern.compile("<html[^>]*\\blang=\"([^\"]*)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** GET as a browser would ask for a page, plus any extra header name/value pairs. */
    HttpResponse<String> page(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** GET with only the given header name/value pairs, as an API client or a script would. */
    HttpResponse<String> get(String path, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT), headers).GET());
    }

    /** POST of a form as a browser would send it, plus any extra header name/value pairs. */
    HttpResponse<String> postForm(String path, String form, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String heading(HttpResponse<String> response) {
        Matcher m = H1.matcher(response.body());
        return m.find() ? m.group(1).strip() : "";
    }

    static String htmlLang(HttpResponse<String> response) {
        Matcher m = HTML_LANG.matcher(response.body());
        return m.find() ? m.group(1) : "";
    }

    private HttpRequest.Builder request(String path, String... headers) {
        return withHeaders(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Accept", BROWSER_ACCEPT), headers);
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... nameValuePairs) {
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            request.setHeader(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
