package ru.gospochta.identity.internal.documents;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An operator restored access by an access request, or turned it down. Published inside the
 * decision's transaction, so the SMS about it goes out only once the decision is committed, and
 * is retried from the event registry if the server stops before it went. The person has no way
 * into the cabinet, so the answer, reason included, goes by SMS to the phone of the request.
 *
 * @param formerPhone the phone the account had before an approval, told that it no longer leads
 *                    there; {@code null} for a rejection
 * @param reason why it was turned down; {@code null} for an approval
 */
record AccessRequestDecided(UUID documentId, UUID accountId, String newPhone, @Nullable String formerPhone,
        boolean approved, @Nullable String reason) {
}
