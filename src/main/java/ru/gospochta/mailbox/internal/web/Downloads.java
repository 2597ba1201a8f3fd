package ru.gospochta.mailbox.internal.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import ru.gospochta.mailbox.internal.messages.DownloadedFile;

/**
 * A file sent as a download: always an attachment, never rendered by the portal's origin, with its
 * sniffed type and its name in RFC 6266 / RFC 5987 form, so «Выписка.pdf» arrives as «Выписка.pdf».
 */
final class Downloads {

    private Downloads() {
    }

    static void send(DownloadedFile file, HttpServletResponse response) throws IOException {
        response.setContentType(file.mediaType());
        response.setContentLengthLong(file.content().length);
        response.setHeader("Content-Disposition", disposition(file.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
        response.setHeader("Cache-Control", "private, no-store");
        response.getOutputStream().write(file.content());
    }

    /** {@code attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded} */
    static String disposition(String fileName) {
        StringBuilder fallback = new StringBuilder();
        fileName.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
