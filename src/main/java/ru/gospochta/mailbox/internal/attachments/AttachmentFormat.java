package ru.gospochta.mailbox.internal.attachments;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The formats APL-2 lets through, as recognised from a file's bytes. The name and the declared
 * type only ever count against a file: when they contradict the bytes.
 */
enum AttachmentFormat {

    PDF("application/pdf", Set.of("pdf"),
            Set.of("application/x-pdf", "application/acrobat", "applications/vnd.pdf", "text/pdf", "text/x-pdf")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Set.of("docx"),
            // Older systems label every Word file with the family's first type.
            Set.of("application/msword")),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Set.of("xlsx"),
            Set.of("application/vnd.ms-excel")),
    JPEG("image/jpeg", Set.of("jpg", "jpeg", "jpe", "jfif"), Set.of("image/jpg", "image/pjpeg")),
    PNG("image/png", Set.of("png"), Set.of("image/x-png")),
    XML("application/xml", Set.of("xml"), Set.of("text/xml"));

    /** Types that say nothing about the content: what a client sends when it does not know. */
    private static final Set<String> UNINFORMATIVE = Set.of("application/octet-stream", "binary/octet-stream",
            "application/unknown", "application/x-unknown");

    private final String mediaType;
    private final Set<String> extensions;
    private final Set<String> aliases;

    AttachmentFormat(String mediaType, Set<String> extensions, Set<String> aliases) {
        this.mediaType = mediaType;
        this.extensions = extensions;
        this.aliases = aliases;
    }

    String mediaType() {
        return mediaType;
    }

    /** False when the name carries the extension of something else, e.g. «скан.pdf» over PNG bytes. */
    boolean agreesWithName(String fileName) {
        return FileNames.extension(fileName).map(extensions::contains).orElse(true);
    }

    /**
     * False when the sender declared a type this file is not. A missing or generic type is no
     * claim at all; an XML vocabulary of its own ({@code application/vnd.fns.notice+xml}) is XML.
     */
    boolean agreesWithDeclaredType(@Nullable String declared) {
        if (declared == null) {
            return true;
        }
        String base = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (base.isEmpty() || UNINFORMATIVE.contains(base)) {
            return true;
        }
        if (this == XML && base.endsWith("+xml")) {
            return true;
        }
        return base.equals(mediaType) || aliases.contains(base);
    }
}
