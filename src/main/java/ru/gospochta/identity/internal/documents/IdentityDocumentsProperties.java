package ru.gospochta.identity.internal.documents;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Identity documents (ACC-2).
 *
 * @param maxSize the largest scan a citizen may upload (APL-2 allows 10 MB a file); a request that
 *                says it is larger than this and its form is refused unread, and a scan is read
 *                one byte past it at most
 */
@Validated
@ConfigurationProperties("gospochta.identity.documents")
public record IdentityDocumentsProperties(@DefaultValue("10MB") @NotNull DataSize maxSize) {

    /** A limit above this would let one upload fill the temporary folder of the container. */
    static final DataSize CEILING = DataSize.ofMegabytes(50);

    public IdentityDocumentsProperties {
        // Checked here rather than by annotations, which have no rule for a DataSize's range.
        if (maxSize != null && (maxSize.toBytes() <= 0 || maxSize.compareTo(CEILING) > 0)) {
            throw new IllegalArgumentException("gospochta.identity.documents.max-size must be more than 0 bytes "
                    + "and at most " + CEILING.toMegabytes() + "MB, got " + maxSize);
        }
    }
}
