package ru.gospochta.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An agency system as a test plays it: asks the token endpoint for tokens and calls the API with them. */
final class TokenClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    TokenClient(int port) {
        // 127.0.0.1 rather than localhost, so the source address the server sees is predictable.
        this.base = "http://127.0.0.1:" + port;
    }

    /** client_secret_basic: the id and secret form-encoded, then in an HTTP Basic header (RFC 6749, 2.3.1). */
    HttpResponse<String> tokenByBasic(String clientId, String secret, String... fields) {
        String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(fields("grant_type", "client_credentials", fields)))));
    }

    /** client_secret_post: the id and secret in the form body. */
    HttpResponse<String> tokenByPost(String clientId, String secret, String... fields) {
        Map<String, String> body = fields("grant_type", "client_credentials", fields);
        body.put("client_id", clientId);
        body.put("client_secret", secret);
        return send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))));
    }

    /** The access token of a successful token response. */
    static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("no token: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    String token(String clientId, String secret, String... fields) {
        return accessToken(tokenByBasic(clientId, secret, fields));
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> getWith(String token, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", "Bearer " + token);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> postWith(String token, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any body with any content type, and extra headers as name, value pairs. */
    HttpResponse<String> postWith(String token, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** A multipart form, with extra headers as name, value pairs. */
    HttpResponse<String> postForm(String token, String path, ApiForm form, String... headers) {
        return postBody(token, path, form.contentType(), HttpRequest.BodyPublishers.ofByteArray(form.bytes()), headers);
    }

    /** Any body publisher: one without a length goes out chunked; a {@code null} token sends none. */
    HttpResponse<String> postBody(String token, String path, String contentType, HttpRequest.BodyPublisher body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType).POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The claims of a JWT, read without checking it: the tests look at what the server put in. */
    static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields(String name, String value, String... more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(name, value);
        for (int i = 0; i + 1 < more.length; i += 2) {
            fields.put(more[i], more[i + 1]);
        }
        return fields;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
