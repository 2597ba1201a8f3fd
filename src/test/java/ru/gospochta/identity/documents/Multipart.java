package ru.gospochta.identity.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import ru.gospochta.WebClient;

/**
 * A file upload over real HTTP, as a browser's form sends it (multipart/form-data), in the
 * session of a {@link WebClient}.
 */
public final class Multipart {

    private final int port;
    private final WebClient session;

    public Multipart(int port, WebClient session) {
        this.port = port;
        this.session = session;
    }

    /** Posts one file part named {@code field}; the CSRF token goes in the address, as the page's form does. */
    public HttpResponse<String> post(String path, String csrfToken, String field, String fileName, String contentType,
            byte[] content) {
        String target = csrfToken.isEmpty() ? path
                : path + "?_csrf=" + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8);
        return send(target, body(field, fileName, contentType, content));
    }

    /** Posts a multipart form that has no file part at all. */
    public HttpResponse<String> postWithoutFile(String path, String csrfToken) {
        String target = path + "?_csrf=" + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8);
        return send(target, new Body("----empty" + UUID.randomUUID(), "")
                .close());
    }

    private Body body(String field, String fileName, String contentType, byte[] content) {
        Body body = new Body("----gospochta" + UUID.randomUUID(), "");
        body.part("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n", content);
        return body.close();
    }

    private HttpResponse<String> send(String target, Body body) {
        String cookie = session.cookie("GOSPOCHTA_SESSION").orElse("");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .header("Cookie", "GOSPOCHTA_SESSION=" + cookie)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes.toByteArray()))
                .build();
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Body {
        final String boundary;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Body(String boundary, String preamble) {
            this.boundary = boundary;
            write(preamble.getBytes(StandardCharsets.UTF_8));
        }

        void part(String headers, byte[] content) {
            write(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
            write(content);
            write("\r\n".getBytes(StandardCharsets.UTF_8));
        }

        Body close() {
            if (bytes.size() == 0) {
                // A form with one ordinary field, so the request is still a well-formed multipart body.
                write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nx\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private void write(byte[] b) {
            bytes.write(b, 0, b.length);
        }
    }
}
