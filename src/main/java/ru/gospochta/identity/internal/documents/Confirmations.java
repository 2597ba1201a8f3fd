package ru.gospochta.identity.internal.documents;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.documents.ScanInspection.StagedScan;
import ru.gospochta.identity.internal.documents.UploadRefused.Reason;

/**
 * The citizen's side of ACC-2: an active account hands in a passport scan, which waits for an
 * operator. One document waits per account; a new upload takes the place of the waiting one.
 */
@Service
class Confirmations {

    private final Accounts accounts;
    private final IdentityDocuments documents;
    private final ScanInspection inspection;
    private final DocumentFiles files;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;

    Confirmations(Accounts accounts, IdentityDocuments documents, ScanInspection inspection, DocumentFiles files,
            TransactionTemplate transactions, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.documents = documents;
        this.inspection = inspection;
        this.files = files;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Keeps the scan as the account's pending document.
     *
     * @throws UploadRefused when the account cannot hand in a document or the file is not a scan
     *                       we accept; then neither a row nor a file is left
     */
    IdentityDocument submit(UUID accountId, ScanUpload upload, @Nullable String sourceIp) {
        try {
            // Checked before reading the file, and again under the lock below, where it counts.
            if (state(accountId) != AccountState.ACTIVE) {
                throw new UploadRefused(Reason.NOT_ACTIVE);
            }
            IdentityDocument kept = store(accountId, inspection.stage(upload));
            audit.record(entry(accountId, AuditOutcome.SUCCESS, sourceIp)
                    .with("document", kept.id().toString())
                    .with("format", kept.format().name())
                    .with("sizeBytes", Long.toString(kept.sizeBytes())));
            return kept;
        } catch (UploadRefused refused) {
            refusedUpload(accountId, refused.reason(), sourceIp);
            throw refused;
        }
    }

    /** Journals an upload that was refused, also when the container refused it before we saw it. */
    void refusedUpload(UUID accountId, Reason reason, @Nullable String sourceIp) {
        audit.record(entry(accountId, AuditOutcome.FAILURE, sourceIp).with("reason", reason.code()));
    }

    private IdentityDocument store(UUID accountId, StagedScan scan) {
        String storedName;
        try {
            storedName = files.keep(scan.temporary(), scan.format());
        } catch (RuntimeException e) {
            files.deleteQuietly(scan.temporary());
            throw e;
        }
        try {
            return Objects.requireNonNull(transactions.execute(status -> {
                if (documents.lockAccount(accountId).orElse(null) != AccountState.ACTIVE) {
                    throw new UploadRefused(Reason.NOT_ACTIVE);
                }
                List<IdentityDocument> replaced = documents.pendingOf(accountId, IdentityDocument.Purpose.CONFIRMATION);
                replaced.forEach(old -> documents.delete(old.id()));
                IdentityDocument document = IdentityDocument.pending(accountId, IdentityDocument.Purpose.CONFIRMATION,
                        storedName, scan.format(), scan.sizeBytes(), clock.instant());
                documents.insert(document);
                // The replaced files go only once their rows are gone for good.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        replaced.forEach(old -> files.delete(old.storedName()));
                    }
                });
                return document;
            }));
        } catch (RuntimeException e) {
            files.delete(storedName);
            throw e;
        }
    }

    private AccountState state(UUID accountId) {
        return accounts.byId(accountId).map(Account::state)
                .orElseThrow(() -> new IllegalStateException("a signed-in citizen without an account"));
    }

    private static AuditEntry entry(UUID accountId, AuditOutcome outcome, @Nullable String sourceIp) {
        AuditEntry entry = AuditEntry.of("citizen:" + accountId, "identity.document.upload", "account:" + accountId,
                outcome);
        return sourceIp == null ? entry : entry.from(sourceIp);
    }
}
