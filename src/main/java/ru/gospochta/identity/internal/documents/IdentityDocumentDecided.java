package ru.gospochta.identity.internal.documents;

import java.util.UUID;

/**
 * An operator approved or rejected a passport scan. Published inside the decision's transaction,
 * so the SMS about it goes out only once the decision is committed, and is retried from the
 * event registry if the server stops before it went.
 */
record IdentityDocumentDecided(UUID documentId, UUID accountId, boolean approved) {
}
