package ru.gospochta.identity.internal.documents;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;

/**
 * A file as the browser sent it: the name and type it claims, and the bytes.
 *
 * @param fileName the name on the citizen's device, possibly with a path; empty when none was chosen
 * @param declaredType the Content-Type of the part, if any
 */
record ScanUpload(String fileName, @Nullable String declaredType, InputStreamSource content) {

    /** The name without any folder part that an old browser may have sent along. */
    String baseName() {
        String name = fileName.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
