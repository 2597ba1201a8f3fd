package ru.gospochta.identity.internal.documents;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.ContactsReset;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.BackupPhones;
import ru.gospochta.identity.internal.documents.ReviewRefused.Reason;
import ru.gospochta.identity.internal.session.Sessions;

/**
 * What an approved access request does to the account (ACC-5, CNT-7), inside the decision's
 * transaction so that it happens whole or not at all:
 *
 * <ul>
 * <li>the account moves to the new phone, which signs in and receives codes from now on;</li>
 * <li>the TOTP key, the backup codes and the backup phone go, since they were lost with the phone; two-step
 *     verification stays as it was, by SMS to the new phone;</li>
 * <li>the password is replaced by a random one nobody knows, and its version moves on, which
 *     forgets every remembered device: whoever had the old password or an old device gets in no
 *     more. The person sets a password through «Забыли пароль?» with the new phone, a code to
 *     which is the proof the operator just vouched for;</li>
 * <li>every session ends;</li>
 * <li>{@link ContactsReset} tells the contacts module to drop the e-mail addresses;</li>
 * <li>other pending requests for the account are turned down: after this decision, no second
 *     one may move the account to yet another phone unseen.</li>
 * </ul>
 */
@Component
class AccessRestoration {

    /** The account keeps no language; the reason stored and sent by SMS is in the portal's default one. */
    private static final Locale SMS_LANGUAGE = Locale.of("ru");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final BackupCodeStore backupCodes;
    private final BackupPhones backupPhones;
    private final Sessions sessions;
    private final IdentityDocuments documents;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final AuditLog audit;

    AccessRestoration(Accounts accounts, BackupCodeStore backupCodes, BackupPhones backupPhones, Sessions sessions, IdentityDocuments documents,
            PasswordEncoder passwords, ApplicationEventPublisher events, MessageSource messages, AuditLog audit) {
        this.accounts = accounts;
        this.backupCodes = backupCodes;
        this.backupPhones = backupPhones;
        this.sessions = sessions;
        this.documents = documents;
        this.passwords = passwords;
        this.events = events;
        this.messages = messages;
        this.audit = audit;
    }

    /**
     * What was done.
     *
     * @param formerPhone the account's phone before, to be told it no longer leads there; empty
     *                    when the request asked for the phone the account already had
     * @param facts for the decision's audit entry
     */
    record Restored(String formerPhone, Map<String, String> facts) {
    }

    /**
     * Restores access; call with the account's row and then the document's locked.
     *
     * @throws ReviewRefused when the new phone belongs to another account by now
     */
    Restored restore(IdentityDocument document, String newPhone, String staffLogin, Instant at) {
        Account account = accounts.byId(document.accountId()).orElseThrow(() -> new ReviewRefused(Reason.GONE));
        boolean samePhone = account.phone().equals(newPhone);
        // Checked first: a unique-key failure would leave the transaction unusable for anything after it.
        if (!samePhone && (accounts.phoneTaken(newPhone) || !accounts.changePhone(account.id(), newPhone))) {
            throw new ReviewRefused(Reason.PHONE_TAKEN);
        }
        accounts.setTotp(account.id(), null, 0);
        backupCodes.clear(account.id());
        // The backup phone was a channel too; whoever holds it may be who locked the citizen out.
        boolean backupPhoneRemoved = backupPhones.remove(account.id());
        accounts.setTwoStep(account.id(), account.twoStepEnabled(), Account.SecondFactorMethod.SMS);
        accounts.changePassword(account.id(), passwords.encode(unknownPassword()), at);
        int closed = closeOtherRequests(document, staffLogin, at);
        int ended = sessions.endAllExcept(account.principalName(), null);
        events.publishEvent(new ContactsReset(account.id(), at));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("newPhone", new PhoneNumber(newPhone).masked());
        facts.put("formerPhone", new PhoneNumber(account.phone()).masked());
        facts.put("totpRemoved", Boolean.toString(account.hasTotp()));
        facts.put("backupPhoneRemoved", Boolean.toString(backupPhoneRemoved));
        facts.put("twoStep", account.twoStepEnabled() ? "sms" : "off");
        facts.put("sessionsEnded", Integer.toString(ended));
        facts.put("otherRequestsClosed", Integer.toString(closed));
        return new Restored(samePhone ? "" : account.phone(), facts);
    }

    private int closeOtherRequests(IdentityDocument approved, String staffLogin, Instant at) {
        String reason = messages.getMessage("support.review.superseded", null, SMS_LANGUAGE);
        List<IdentityDocument> others = documents.pendingOf(approved.accountId(), IdentityDocument.Purpose.ACCESS_RECOVERY)
                .stream().filter(other -> !other.id().equals(approved.id())).toList();
        int closed = 0;
        for (IdentityDocument other : others) {
            // The account's row is locked already, so taking the document's lock keeps the common order.
            if (documents.lockById(other.id()).filter(IdentityDocument::pending).isEmpty()
                    || !documents.decide(other.id(), IdentityDocument.Status.REJECTED, staffLogin, reason, at)) {
                continue;
            }
            String phone = documents.newPhoneOf(other.id()).orElseThrow(
                    () -> new IllegalStateException("an access request without its phone: " + other.id()));
            audit.record(AuditEntry.of("staff:" + staffLogin, "identity.document.reject", "identity-document:" + other.id(),
                    AuditOutcome.SUCCESS).with("account", other.accountId().toString())
                    .with("purpose", other.purpose().name()).with("supersededBy", approved.id().toString()));
            events.publishEvent(new AccessRequestDecided(other.id(), other.accountId(), phone, null, false, reason));
            closed++;
        }
        return closed;
    }

    /** A password that is never shown or kept anywhere: 32 random bytes, only its hash is stored. */
    private static String unknownPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
