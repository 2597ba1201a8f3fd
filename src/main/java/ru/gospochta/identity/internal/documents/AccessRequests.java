package ru.gospochta.identity.internal.documents;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.documents.AccessRequestRefused.Reason;
import ru.gospochta.identity.internal.documents.ScanInspection.StagedScan;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;
import ru.gospochta.identity.internal.signin.Throttle;

/**
 * The requester's side of access restored through support (ACC-5, CNT-7): someone who lost both
 * the phone and the e-mail of an account declares who they are, confirms a new phone by its code
 * and hands in a passport scan for an operator to check.
 *
 * <p>Whether the declared data names an account must not show. Every step before the scan works
 * without looking anything up; the scan is checked and the request counted the same way in both
 * cases; only then is the account looked for, and a request that names none is dropped quietly
 * (and journalled) while the person reads the same answer. Requests are limited per SNILS and
 * per source address with the waits of ACC-7, counted whether or not they matched; the new
 * phone's SMS limits (one code a minute, ten a day per phone and per address) come on top.
 */
@Service
class AccessRequests {

    static final String AUDIT_ACTION = "identity.access-request";
    private static final Purpose PURPOSE = Purpose.SUPPORT_RECOVERY;

    private final Accounts accounts;
    private final IdentityDocuments documents;
    private final ScanInspection inspection;
    private final DocumentFiles files;
    private final SmsCodes codes;
    private final Throttle throttle;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;

    AccessRequests(Accounts accounts, IdentityDocuments documents, ScanInspection inspection, DocumentFiles files,
            SmsCodes codes, Throttle throttle, TransactionTemplate transactions, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.documents = documents;
        this.inspection = inspection;
        this.files = files;
        this.codes = codes;
        this.throttle = throttle;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The first page: sends a code to the new phone, whoever it belongs to.
     *
     * @throws AccessRequestRefused while this SNILS or address waits, or no SMS may go now
     */
    AccessRequestDraft start(AccessRequestDraft draft, String sourceIp, Locale locale) {
        refuseWhileLimited(draft.snils(), sourceIp);
        return send(draft, sourceIp, locale);
    }

    /** «Отправить код ещё раз»: a new code replaces the old one, under the same limits. */
    AccessRequestDraft resend(AccessRequestDraft draft, String sourceIp, Locale locale) {
        refuseWhileLimited(draft.snils(), sourceIp);
        return send(draft, sourceIp, locale);
    }

    private AccessRequestDraft send(AccessRequestDraft draft, String sourceIp, Locale locale) {
        refuseWhileCodesLocked(draft);
        try {
            return draft.sent(codes.send(PURPOSE, draft.newPhone(), null, sourceIp, locale).resendAfter());
        } catch (SmsLimitReached limit) {
            throw new AccessRequestRefused(Reason.SMS_WAIT, limit.retryAfter());
        }
    }

    /**
     * Checks the code sent to the new phone. Wrong codes count against the phone as well as the
     * code's own five tries, so fresh codes do not buy endless guesses (ACC-7).
     *
     * @throws CodeRejected when the code is wrong, expired or used up
     * @throws AccessRequestRefused when the phone waits after wrong codes, or already has an account
     */
    AccessRequestDraft confirmPhone(AccessRequestDraft draft, String typed) {
        refuseWhileCodesLocked(draft);
        try {
            codes.verify(PURPOSE, draft.newPhone(), typed);
        } catch (CodeRejected rejected) {
            if (rejected.reason() == CodeRejected.Reason.WRONG || rejected.reason() == CodeRejected.Reason.EXHAUSTED) {
                throttle.recordFailure(codeSubject(draft)).ifPresent(wait -> {
                    throw new AccessRequestRefused(Reason.TOO_MANY_CODES, wait);
                });
            }
            throw rejected;
        }
        throttle.recordSuccess(codeSubject(draft));
        // The person has just shown they hold this phone: telling them it has an account is no leak.
        if (accounts.phoneTaken(draft.newPhone())) {
            throw new AccessRequestRefused(Reason.PHONE_TAKEN);
        }
        return draft.phoneConfirmed(clock.instant());
    }

    /**
     * Takes the scan. The request is stored for the operator when the declared data matches an
     * account that can sign in, and dropped otherwise; the caller answers both alike.
     *
     * @throws UploadRefused when the file is not a scan we accept; nothing is kept or counted
     * @throws AccessRequestRefused when the time ran out, the limits say wait, or the phone got an account
     */
    void submit(AccessRequestDraft draft, ScanUpload upload, String sourceIp) {
        if (!draft.mayHandInScan(clock.instant())) {
            throw new AccessRequestRefused(Reason.EXPIRED);
        }
        refuseWhileLimited(draft.snils(), sourceIp);
        StagedScan scan;
        try {
            scan = inspection.stage(upload);
        } catch (UploadRefused refused) {
            refusedUpload(refused.reason(), sourceIp);
            throw refused;
        }
        boolean kept = false;
        try {
            if (accounts.phoneTaken(draft.newPhone())) {
                throw new AccessRequestRefused(Reason.PHONE_TAKEN);
            }
            // Counted before the account is looked for, so the limits meet every SNILS alike.
            throttle.recordFailure(snilsSubject(draft.snils()));
            throttle.recordFailure(addressSubject(sourceIp));
            Optional<Account> account = matchingAccount(draft);
            if (account.isPresent()) {
                kept = keep(account.get(), draft, scan, sourceIp);
            }
            if (!kept) {
                audit.record(AuditEntry.of("anonymous", AUDIT_ACTION, "snils:" + Readable.maskedSnils(draft.snils()),
                                AuditOutcome.DENIED).from(sourceIp)
                        .with("reason", "no-matching-account")
                        .with("newPhone", new PhoneNumber(draft.newPhone()).masked()));
            }
        } finally {
            if (!kept) {
                files.deleteQuietly(scan.temporary());
            }
        }
    }

    /** Journals an upload that was refused, also when the container refused it before we saw it. */
    void refusedUpload(UploadRefused.Reason reason, String sourceIp) {
        audit.record(AuditEntry.of("anonymous", AUDIT_ACTION, "access-request", AuditOutcome.FAILURE)
                .from(sourceIp).with("reason", reason.code()));
    }

    /**
     * Stores the scan and the new phone as a pending request; false when the account went away
     * meanwhile. The account's row is locked first, in the order every writer of documents keeps.
     */
    private boolean keep(Account account, AccessRequestDraft draft, StagedScan scan, String sourceIp) {
        String storedName = files.keep(scan.temporary(), scan.format());
        IdentityDocument document;
        try {
            document = transactions.execute(status -> {
                if (documents.lockAccount(account.id()).isEmpty()) {
                    return null;
                }
                IdentityDocument pending = IdentityDocument.pending(account.id(), IdentityDocument.Purpose.ACCESS_RECOVERY,
                        storedName, scan.format(), scan.sizeBytes(), clock.instant());
                documents.insert(pending);
                documents.insertAccessRequest(pending.id(), draft.newPhone(), sourceIp);
                return pending;
            });
        } catch (RuntimeException e) {
            files.delete(storedName);
            throw e;
        }
        if (document == null) {
            files.delete(storedName);
            return false;
        }
        audit.record(AuditEntry.of("anonymous", AUDIT_ACTION, "account:" + account.id(), AuditOutcome.SUCCESS)
                .from(sourceIp)
                .with("document", document.id().toString())
                .with("newPhone", new PhoneNumber(draft.newPhone()).masked())
                .with("format", document.format().name())
                .with("sizeBytes", Long.toString(document.sizeBytes())));
        return true;
    }

    /** The account the data names, if it can sign in and every declared part agrees with it. */
    private Optional<Account> matchingAccount(AccessRequestDraft draft) {
        return accounts.bySnils(draft.snils())
                .filter(Account::canSignIn)
                .filter(a -> a.birthDate().equals(draft.birthDate()))
                .filter(a -> sameName(a.surname(), draft.surname()) && sameName(a.givenName(), draft.givenName())
                        && sameName(a.patronymic(), draft.patronymic()));
    }

    /** Names agree regardless of case and of «ё» written as «е», as people type them either way. */
    static boolean sameName(@Nullable String stored, @Nullable String typed) {
        return Objects.equals(folded(stored), folded(typed));
    }

    private static @Nullable String folded(@Nullable String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private void refuseWhileLimited(String snils, String sourceIp) {
        // The longer of the two waits is the one after which a request goes through.
        Stream.of(throttle.waitFor(snilsSubject(snils)), throttle.waitFor(addressSubject(sourceIp)))
                .flatMap(Optional::stream).max(Comparator.naturalOrder()).ifPresent(wait -> {
                    throw new AccessRequestRefused(Reason.TOO_MANY_REQUESTS, wait);
                });
    }

    private void refuseWhileCodesLocked(AccessRequestDraft draft) {
        throttle.waitFor(codeSubject(draft)).ifPresent(wait -> {
            throw new AccessRequestRefused(Reason.TOO_MANY_CODES, wait);
        });
    }

    private static String snilsSubject(String snils) {
        return "access-request:snils:" + snils;
    }

    private static String addressSubject(String sourceIp) {
        return "access-request:ip:" + sourceIp;
    }

    private static String codeSubject(AccessRequestDraft draft) {
        return "access-request:code:" + draft.newPhone();
    }
}
