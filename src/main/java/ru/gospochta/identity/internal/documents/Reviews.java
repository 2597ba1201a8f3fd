package ru.gospochta.identity.internal.documents;

import java.time.Clock;
import java.time.Instant;
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
 * The operator's side of ACC-2: approving a scan confirms the account, rejecting it tells the
 * citizen why. Each decision, taken or refused, is journalled under the operator's login.
 */
@Service
class Reviews {

    static final int MAX_REASON = 500;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final IdentityDocuments documents;
    private final Accounts accounts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    Reviews(IdentityDocuments documents, Accounts accounts, TransactionTemplate transactions,
            ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.documents = documents;
        this.accounts = accounts;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Confirms the owner's account (ACTIVE → CONFIRMED) and marks the scan approved.
     *
     * @throws ReviewRefused when the document is gone or decided, or the account is not active
     */
    void approve(UUID documentId, String staffLogin, @Nullable String sourceIp) {
        decide(documentId, IdentityDocument.Status.APPROVED, null, staffLogin, sourceIp, (document, state, at) -> {
            if (state != AccountState.ACTIVE
                    || !accounts.changeState(document.accountId(), AccountState.ACTIVE, AccountState.CONFIRMED, at)) {
                throw new ReviewRefused(Reason.NOT_ACTIVE, state);
            }
        });
    }

    /**
     * Marks the scan rejected with the reason the citizen will read; the account stays as it is.
     *
     * @throws ReviewRefused when the reason is blank or too long, or the document is gone or decided
     */
    void reject(UUID documentId, String typedReason, String staffLogin, @Nullable String sourceIp) {
        String reason = cleanReason(typedReason);
        decide(documentId, IdentityDocument.Status.REJECTED, reason, staffLogin, sourceIp, (document, state, at) -> {
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

    /** What a decision does to the account besides the document; throws to refuse it. */
    private interface Effect {
        void apply(IdentityDocument document, AccountState state, Instant at);
    }

    private void decide(UUID documentId, IdentityDocument.Status decision, @Nullable String reason,
            String staffLogin, @Nullable String sourceIp, Effect effect) {
        String action = decision == IdentityDocument.Status.APPROVED ? "identity.document.approve"
                : "identity.document.reject";
        try {
            transactions.executeWithoutResult(status -> {
                IdentityDocument seen = documents.byId(documentId).orElseThrow(() -> new ReviewRefused(Reason.GONE));
                AccountState state = documents.lockAccount(seen.accountId())
                        .orElseThrow(() -> new ReviewRefused(Reason.GONE));
                IdentityDocument document = documents.lockById(documentId)
                        .orElseThrow(() -> new ReviewRefused(Reason.GONE));
                if (!document.pending()) {
                    throw new ReviewRefused(Reason.DECIDED);
                }
                Instant at = clock.instant();
                effect.apply(document, state, at);
                if (!documents.decide(documentId, decision, staffLogin, reason, at)) {
                    throw new ReviewRefused(Reason.DECIDED);
                }
                AuditEntry done = entry(staffLogin, action, documentId, AuditOutcome.SUCCESS, sourceIp)
                        .with("account", document.accountId().toString());
                audit.record(reason == null ? done : done.with("reason", reason));
                events.publishEvent(new IdentityDocumentDecided(documentId, document.accountId(),
                        decision == IdentityDocument.Status.APPROVED));
            });
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
