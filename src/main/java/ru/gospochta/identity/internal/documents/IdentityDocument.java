package ru.gospochta.identity.internal.documents;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded passport scan and what became of it.
 *
 * @param storedName the random name of the file in the documents folder
 * @param reviewer the staff login that decided, once decided
 * @param reason why it was rejected, shown to the citizen
 */
record IdentityDocument(UUID id, UUID accountId, String storedName, ScanFormat format, long sizeBytes,
        Instant uploadedAt, Status status, @Nullable String reviewer, @Nullable String reason,
        @Nullable Instant decidedAt) {

    enum Status { PENDING, APPROVED, REJECTED }

    static IdentityDocument pending(UUID accountId, String storedName, ScanFormat format, long sizeBytes, Instant at) {
        return new IdentityDocument(UUID.randomUUID(), accountId, storedName, format, sizeBytes, at, Status.PENDING,
                null, null, null);
    }

    boolean pending() {
        return status == Status.PENDING;
    }
}
