package ru.gospochta.mailbox.internal.attachments;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the attachment rules (APL-2).
 *
 * @param maxFileSize the largest single file; APL-2 says 10 MB
 * @param maxMessageSize the largest sum of the files of one message; APL-2 says 50 MB
 * @param maxTextLength how many characters of one file's text are kept for search; the rest of a
 *     long document is not searchable, a fair price for a bounded index row
 * @param textTimeout how long reading the text of one file may take before what was read so far is kept
 */
@Validated
@ConfigurationProperties("gospochta.attachments")
public record AttachmentsProperties(
        @DefaultValue("10MB") @NotNull DataSize maxFileSize,
        @DefaultValue("50MB") @NotNull DataSize maxMessageSize,
        @DefaultValue("100000") @Positive int maxTextLength,
        @DefaultValue("5s") @NotNull Duration textTimeout) {

    /**
     * Files are held in memory while they are checked, so a limit above this would let one
     * message take a large part of the heap.
     */
    static final DataSize CEILING = DataSize.ofMegabytes(200);

    public AttachmentsProperties {
        // Checked here rather than by annotations, which have no rule for a DataSize's range.
        if (maxFileSize != null && maxMessageSize != null) {
            require(maxFileSize.toBytes() > 0, "max-file-size must be more than 0 bytes, got " + maxFileSize);
            require(maxMessageSize.compareTo(CEILING) <= 0,
                    "max-message-size must be at most " + CEILING.toMegabytes() + "MB, got " + maxMessageSize);
            require(maxFileSize.compareTo(maxMessageSize) <= 0,
                    "max-file-size must not exceed max-message-size, got " + maxFileSize + " > " + maxMessageSize);
        }
        require(maxTextLength > 0, "max-text-length must be positive, got " + maxTextLength);
        if (textTimeout != null) {
            require(!textTimeout.isNegative() && !textTimeout.isZero(), "text-timeout must be positive, got " + textTimeout);
        }
    }

    /** The defaults of APL-2, for code that runs without Spring (tests, tools). */
    public static AttachmentsProperties defaults() {
        return new AttachmentsProperties(DataSize.ofMegabytes(10), DataSize.ofMegabytes(50), 100_000,
                Duration.ofSeconds(5));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("gospochta.attachments." + problem);
        }
    }
}
