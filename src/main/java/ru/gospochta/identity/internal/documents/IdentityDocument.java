package ru.gospochta.identity.internal.documents;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded passport scan and what became of it.
 *
 * @param purpose what the operator checks it for
 * @param storedName the random name of the file in the documents folder
 * @param reviewer the staff login that decided, once decided
 * @param reason why it was rejected: shown in the cabinet, or sent by SMS for an access request
 */
record IdentityDocument(UUID id, UUID accountId, Purpose purpose, String storedName, ScanFormat format, long sizeBytes,
        Instant uploadedAt, Status status, @Nullable String reviewer, @Nullable String reason,
        @Nullable Instant decidedAt) {

    enum Status { PENDING, APPROVED, REJECTED }

    /**
     * Why a person handed the scan in: to confirm the identity of the account they are signed in
     * to (ACC-2), or to get back into an account whose phone and e-mail they lost (ACC-5, CNT-7).
     */
    enum Purpose { CONFIRMATION, ACCESS_RECOVERY }

    static IdentityDocument pending(UUID accountId, Purpose purpose, String storedName, ScanFormat format,
            long sizeBytes, Instant at) {
        return new IdentityDocument(UUID.randomUUID(), accountId, purpose, storedName, format, sizeBytes, at,
                Status.PENDING, null, null, null);
    }

    boolean pending() {
        return status == Status.PENDING;
    }
}
