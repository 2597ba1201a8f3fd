package ru.gospochta.gateway;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body as an agency system builds it for the message API (GW-2). */
final class ApiForm {

    private final String boundary = "----gospochta-api" + UUID.randomUUID();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** The part named {@code message}, with its own Content-Type. */
    ApiForm message(String contentType, String document) {
        return part("Content-Disposition: form-data; name=\"message\"\r\nContent-Type: " + contentType + "\r\n",
                document.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part; the file name goes in {@code filename} as UTF-8, as browsers and curl send it. */
    ApiForm file(String fileName, String contentType, byte[] content) {
        return part("Content-Disposition: form-data; name=\"attachment\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n", content);
    }

    /** A file part whose name is given only as RFC 5987's {@code filename*}, percent-encoded UTF-8. */
    ApiForm fileEncoded(String fileName, String contentType, byte[] content) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return part("Content-Disposition: form-data; name=\"attachment\"; filename*=UTF-8''" + encoded + "\r\n"
                + "Content-Type: " + contentType + "\r\n", content);
    }

    /** Any part: its header lines (each ending in CRLF) and its content. */
    ApiForm part(String headers, byte[] content) {
        write(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        write(content);
        write("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body with its closing boundary. */
    byte[] bytes() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream(bytes.size() + boundary.length() + 8);
        closed.writeBytes(bytes.toByteArray());
        closed.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return closed.toByteArray();
    }

    private void write(byte[] b) {
        bytes.write(b, 0, b.length);
    }
}
