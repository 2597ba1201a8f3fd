package ru.gospochta.gateway.internal.messages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

import ru.gospochta.mailbox.AttachmentRules;
import ru.gospochta.mailbox.IncomingFile;
import ru.gospochta.platform.UploadProperties;

/**
 * One message with its files as {@code multipart/form-data} (GW-2): a part named {@code message}
 * holds the JSON or XML document, by its own Content-Type; every other part is a file, named by
 * the part's file name ({@code filename} or RFC 5987's {@code filename*}). The container writes
 * the parts to temporary files while it reads and stops at its limit; from there a file enters
 * the heap only up to one byte past what the attachment rules accept, which is all they need to
 * refuse it for its size.
 */
@Component
class MultipartMessages {

    static final String MESSAGE_PART = "message";

    /** A part that is a file, with the name it came under. */
    private record FilePart(Part part, String name) {
    }

    private final ApiLimits limits;
    private final UploadProperties uploads;
    private final AttachmentRules rules;

    MultipartMessages(ApiLimits limits, UploadProperties uploads, AttachmentRules rules) {
        this.limits = limits;
        this.uploads = uploads;
        this.rules = rules;
    }

    /** The largest multipart body: the API's limit for one message, or the container's if that is lower. */
    long limit() {
        return Math.min(limits.maxRequestBytes(), uploads.maxRequestSize().toBytes());
    }

    /**
     * @throws PayloadTooLarge when the body is over {@link #limit()}
     * @throws MalformedPayload when the form cannot be read, or has no single message part
     * @throws UnsupportedFormat when the message part is neither JSON nor XML
     * @throws MessagesRefused when there are more file parts than a message may have
     */
    Payload read(HttpServletRequest request) throws IOException {
        long limit = limit();
        // A body that says it is too large is refused before a byte of it is read.
        if (request.getContentLengthLong() > limit) {
            throw new PayloadTooLarge(limit);
        }
        Collection<Part> parts = parts(request, limit);
        if (parts.stream().mapToLong(Part::getSize).sum() > limit) {
            throw new PayloadTooLarge(limit);
        }
        Part message = null;
        List<FilePart> files = new ArrayList<>();
        for (Part part : parts) {
            String fileName = fileName(part);
            if (MESSAGE_PART.equals(part.getName())) {
                if (message != null) {
                    throw new MalformedPayload("multipart-message-repeated", "more than one message part");
                }
                message = part;
            } else if (fileName == null) {
                throw new MalformedPayload("multipart-stray-part", "a part that is neither the message nor a file",
                        part.getName() == null ? "" : part.getName());
            } else {
                files.add(new FilePart(part, fileName));
            }
        }
        if (message == null) {
            throw new MalformedPayload("multipart-message-missing", "no message part");
        }
        String type = message.getContentType() == null ? "" : message.getContentType().toLowerCase(Locale.ROOT);
        boolean xml = type.startsWith("application/xml") || type.startsWith("text/xml");
        if (!xml && !type.startsWith("application/json")) {
            throw new UnsupportedFormat("multipart-message-type");
        }
        if (files.size() > MessageSchema.MAX_FILES) {
            throw new MessagesRefused(List.of(new Violation("attachments", "too-many-files", MessageSchema.MAX_FILES)));
        }
        MessageDigest hash = Payload.sha256();
        byte[] document;
        try (InputStream in = new LimitedInputStream(message.getInputStream(), limit)) {
            document = in.readAllBytes();
        }
        hash.update("multipart".getBytes(StandardCharsets.US_ASCII));
        hashed(hash, document);
        List<IncomingFile> incoming = new ArrayList<>(files.size());
        for (FilePart file : files) {
            String declared = file.part().getContentType();
            hashed(hash, file.name().getBytes(StandardCharsets.UTF_8));
            hashed(hash, (declared == null ? "" : declared).getBytes(StandardCharsets.UTF_8));
            incoming.add(new IncomingFile(file.name(), content(file.part(), hash), declared));
        }
        return new Payload(document, xml, List.copyOf(incoming), hash.digest());
    }

    /** The parts as the container read them; its size refusal told from a form it could not read. */
    private static Collection<Part> parts(HttpServletRequest request, long limit) {
        try {
            // Spring's reading of the parts, which classifies the container's exceptions.
            new StandardMultipartHttpServletRequest(request);
            return request.getParts();
        } catch (MaxUploadSizeExceededException tooLarge) {
            throw new PayloadTooLarge(limit);
        } catch (MultipartException | IOException | ServletException | IllegalStateException unreadable) {
            throw new MalformedPayload("multipart-unreadable", unreadable.getMessage());
        }
    }

    /**
     * The file's bytes, all of them hashed (length first, so no two sequences of parts hash alike)
     * but kept only up to one byte past the attachment rules' limit.
     */
    private byte[] content(Part file, MessageDigest hash) throws IOException {
        long keep = rules.maxFileBytes() + 1;
        hash.update(ByteBuffer.allocate(Long.BYTES).putLong(file.getSize()).array());
        ByteArrayOutputStream kept = new ByteArrayOutputStream((int) Math.min(file.getSize(), keep));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                hash.update(buffer, 0, read);
                int room = (int) Math.max(0, Math.min(read, keep - kept.size()));
                kept.write(buffer, 0, room);
            }
        }
        return kept.toByteArray();
    }

    private static void hashed(MessageDigest hash, byte[] bytes) {
        hash.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        hash.update(bytes);
    }

    /** Spring's reading of Content-Disposition, which decodes RFC 5987's {@code filename*} too. */
    private static @Nullable String fileName(Part part) {
        String disposition = part.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if (disposition == null) {
            return null;
        }
        try {
            return ContentDisposition.parse(disposition).getFilename();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
