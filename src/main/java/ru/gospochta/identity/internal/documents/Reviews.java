package ru.gospochta.identity.internal.documents;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.documents.ReviewRefused.Reason;

/**
 * The operator's side of the documents: approving a confirmation scan confirms the account
 * (ACC-2), approving an access request restores access ({@link AccessRestoration}, ACC-5,
 * CNT-7); rejecting either tells the person why. Each decision, taken or refused, is journalled
 * under the operator's login.
 */
@Service
class Reviews {

    static final int MAX_REASON = 500;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final IdentityDocuments documents;
    private final Accounts accounts;
    private final AccessRestoration restoration;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    Reviews(IdentityDocuments documents, Accounts accounts, AccessRestoration restoration,
            TransactionTemplate transactions, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.documents = documents;
        this.accounts = accounts;
        this.restoration = restoration;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Approves the document: a confirmation moves the owner's account ACTIVE → CONFIRMED, an
     * access request restores access with its new phone.
     *
     * @return what the document was for, which the queue's message names
     * @throws ReviewRefused when the document is gone or decided, the account is not active (for a
     *                       confirmation), or the new phone has an account by now (for an access request)
     */
    IdentityDocument.Purpose approve(UUID documentId, String staffLogin, @Nullable String sourceIp) {
        return decide(documentId, IdentityDocument.Status.APPROVED, null, staffLogin, sourceIp, (document, state, at) -> {
            if (document.purpose() == IdentityDocument.Purpose.ACCESS_RECOVERY) {
                String newPhone = newPhoneOf(document);
                AccessRestoration.Restored restored = restoration.restore(document, newPhone, staffLogin, at);
                events.publishEvent(new AccessRequestDecided(document.id(), document.accountId(), newPhone,
                        restored.formerPhone().isEmpty() ? null : restored.formerPhone(), true, null));
                return restored.facts();
            }
            if (state != AccountState.ACTIVE
                    || !accounts.changeState(document.accountId(), AccountState.ACTIVE, AccountState.CONFIRMED, at)) {
                throw new ReviewRefused(Reason.NOT_ACTIVE, state);
            }
            events.publishEvent(new IdentityDocumentDecided(document.id(), document.accountId(), true));
            return Map.of();
        });
    }

    /**
     * Marks the document rejected with the reason the person will read; the account stays as it is.
     *
     * @return what the document was for
     * @throws ReviewRefused when the reason is blank or too long, or the document is gone or decided
     */
    IdentityDocument.Purpose reject(UUID documentId, String typedReason, String staffLogin, @Nullable String sourceIp) {
        String reason = cleanReason(typedReason);
        return decide(documentId, IdentityDocument.Status.REJECTED, reason, staffLogin, sourceIp, (document, state, at) -> {
            events.publishEvent(document.purpose() == IdentityDocument.Purpose.ACCESS_RECOVERY
                    ? new AccessRequestDecided(document.id(), document.accountId(), newPhoneOf(document), null, false, reason)
                    : new IdentityDocumentDecided(document.id(), document.accountId(), false));
            return Map.of();
        });
    }

    /**
     * The reason as it is stored and shown: control characters and runs of white space become one
     * space, because it is shown as one line in the cabinet and read out by screen readers.
     */
    static String cleanReason(String typed) {
        String reason = SPACES.matcher(CONTROL.matcher(typed).replaceAll(" ")).replaceAll(" ").strip();
        if (reason.isEmpty()) {
            throw new ReviewRefused(Reason.REASON_MISSING);
        }
        if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
            throw new ReviewRefused(Reason.REASON_TOO_LONG);
        }
        return reason;
    }

    /**
     * What a decision does besides marking the document, and the events that tell of it; throws
     * to refuse the decision. Returns facts for the audit entry.
     */
    private interface Effect {
        Map<String, String> apply(IdentityDocument document, AccountState state, Instant at);
    }

    private String newPhoneOf(IdentityDocument document) {
        return documents.newPhoneOf(document.id())
                .orElseThrow(() -> new IllegalStateException("an access request without its phone: " + document.id()));
    }

    private IdentityDocument.Purpose decide(UUID documentId, IdentityDocument.Status decision, @Nullable String reason,
            String staffLogin, @Nullable String sourceIp, Effect effect) {
        String action = decision == IdentityDocument.Status.APPROVED ? "identity.document.approve"
                : "identity.document.reject";
        try {
            return Objects.requireNonNull(transactions.execute(status -> {
                IdentityDocument seen = documents.byId(documentId).orElseThrow(() -> new ReviewRefused(Reason.GONE));
                AccountState state = documents.lockAccount(seen.accountId())
                        .orElseThrow(() -> new ReviewRefused(Reason.GONE));
                IdentityDocument document = documents.lockById(documentId)
                        .orElseThrow(() -> new ReviewRefused(Reason.GONE));
                if (!document.pending()) {
                    throw new ReviewRefused(Reason.DECIDED);
                }
                Instant at = clock.instant();
                Map<String, String> facts = effect.apply(document, state, at);
                if (!documents.decide(documentId, decision, staffLogin, reason, at)) {
                    throw new ReviewRefused(Reason.DECIDED);
                }
                AuditEntry done = entry(staffLogin, action, documentId, AuditOutcome.SUCCESS, sourceIp)
                        .with("account", document.accountId().toString())
                        .with("purpose", document.purpose().name());
                for (Map.Entry<String, String> fact : facts.entrySet()) {
                    done = done.with(fact.getKey(), fact.getValue());
                }
                audit.record(reason == null ? done : done.with("reason", reason));
                return document.purpose();
            }));
        } catch (ReviewRefused refused) {
            // Journalled after the rollback, or the entry would be rolled back with the decision.
            AuditEntry failed = entry(staffLogin, action, documentId, AuditOutcome.FAILURE, sourceIp)
                    .with("refusal", refused.reason().code());
            AccountState state = refused.accountState();
            audit.record(state == null ? failed : failed.with("accountState", state.name()));
            throw refused;
        }
    }

    private static AuditEntry entry(String staffLogin, String action, UUID documentId, AuditOutcome outcome,
            @Nullable String sourceIp) {
        AuditEntry entry = AuditEntry.of("staff:" + staffLogin, action, "identity-document:" + documentId, outcome);
        return sourceIp == null ? entry : entry.from(sourceIp);
    }
}
