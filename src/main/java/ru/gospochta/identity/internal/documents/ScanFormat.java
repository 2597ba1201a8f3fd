package ru.gospochta.identity.internal.documents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The formats a passport scan may have, as recognised from the file's bytes. A browser's name
 * and declared type only ever count against an upload: when they contradict the bytes.
 */
enum ScanFormat {

    PDF("application/pdf", "pdf", Set.of("pdf"), Set.of("application/x-pdf", "application/acrobat")),
    JPEG("image/jpeg", "jpg", Set.of("jpg", "jpeg", "jpe", "jfif"), Set.of("image/jpg", "image/pjpeg")),
    PNG("image/png", "png", Set.of("png"), Set.of("image/x-png"));

    private final String mediaType;
    private final String extension;
    private final Set<String> extensions;
    private final Set<String> aliases;

    ScanFormat(String mediaType, String extension, Set<String> extensions, Set<String> aliases) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.extensions = extensions;
        this.aliases = aliases;
    }

    String mediaType() {
        return mediaType;
    }

    /** The extension of stored files and of the name a download is offered under. */
    String extension() {
        return extension;
    }

    /** Images are shown in the review page; a PDF is only downloaded, since a viewer would run its scripts. */
    boolean inline() {
        return this != PDF;
    }

    static Optional<ScanFormat> ofMediaType(String type) {
        String wanted = type.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(wanted) || f.aliases.contains(wanted)).findFirst();
    }

    /** False when the file name carries an extension of something else, e.g. «scan.pdf» over PNG bytes. */
    boolean agreesWithName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return true;
        }
        return extensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * False when the browser declared another of the accepted formats. Other declared types say
     * nothing: browsers send application/octet-stream or a guess from the operating system.
     */
    boolean agreesWithDeclaredType(@Nullable String declared) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        String base = declared.split(";", 2)[0].strip();
        return ofMediaType(base).map(claimed -> claimed == this).orElse(true);
    }
}
