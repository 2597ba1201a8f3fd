package ru.gospochta.platform;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The servlet container's limits for every multipart request of the application, in one place:
 * the container counts while it reads and stops at these, so nothing larger reaches the disk in
 * full. They are the outer bound only; each module refuses what passes its own, smaller limit
 * itself (a passport scan 10 MB, an API message 50 MB of files, APL-2).
 *
 * @param maxRequestSize the largest multipart body; the default holds a 50 MB message plus the
 *                       message part and the part headers (51 MB + 64 KB)
 * @param maxFileSize the largest single part; as large as the body by default, since a module
 *                    checks its files against its own limit
 */
@Validated
@ConfigurationProperties("gospochta.uploads")
public record UploadProperties(
        @DefaultValue("52288KB") @NotNull DataSize maxRequestSize,
        @DefaultValue("52288KB") @NotNull DataSize maxFileSize) {

    public UploadProperties {
        // Checked here rather than by annotations, which have no rule for a DataSize's range.
        if (maxRequestSize != null && maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException("gospochta.uploads.max-request-size must be more than 0 bytes, got "
                    + maxRequestSize);
        }
        if (maxFileSize != null && (maxFileSize.toBytes() <= 0
                || maxRequestSize != null && maxFileSize.compareTo(maxRequestSize) > 0)) {
            throw new IllegalArgumentException("gospochta.uploads.max-file-size must be more than 0 bytes and at most "
                    + "gospochta.uploads.max-request-size (" + maxRequestSize + "), got " + maxFileSize);
        }
    }
}
