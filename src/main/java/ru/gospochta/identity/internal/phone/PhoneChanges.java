package ru.gospochta.identity.internal.phone;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.server.ResponseStatusException;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Waits;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupPhones;
import ru.gospochta.identity.internal.settings.Recheck;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;
import ru.gospochta.platform.OutgoingSms;

/**
 * Moving an account to another phone and keeping its backup phone (CNT-5). Every change takes
 * three steps: the person is re-checked (password and a code to the current phone, or a TOTP or
 * backup code when that phone is out of reach), the number is typed, and a code sent to it is
 * typed back. Only the last step writes, in one transaction with its audit entry; every refused
 * step is journalled and changes nothing.
 */
@Service
class PhoneChanges {

    static final String REMOVE_ACTION = "identity.backup-phone-remove";

    /** Longer than any number, password or code the forms ask for; anything longer is refused unread. */
    static final int MAX_TYPED = 200;

    private final Accounts accounts;
    private final BackupPhones backupPhones;
    private final Recheck recheck;
    private final SmsCodes codes;
    private final OutgoingSms sms;
    private final MessageSource messages;
    private final Waits waits;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    PhoneChanges(Accounts accounts, BackupPhones backupPhones, Recheck recheck, SmsCodes codes, OutgoingSms sms,
            MessageSource messages, Waits waits, AuditLog audit, TransactionOperations transactions, Clock clock) {
        this.accounts = accounts;
        this.backupPhones = backupPhones;
        this.recheck = recheck;
        this.codes = codes;
        this.sms = sms;
        this.messages = messages;
        this.waits = waits;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What the last step changed, for the notice on «Контактные данные». */
    enum Outcome { PHONE_CHANGED, BACKUP_BECAME_MAIN, BACKUP_SET }

    /** The signed-in person's account; a session that outlived its account finds nothing here. */
    Account account(UUID id) {
        return accounts.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    Optional<String> backupPhone(UUID account) {
        return backupPhones.of(account);
    }

    boolean hasFactorWithoutPhone(Account account) {
        return recheck.hasFactorWithoutPhone(account);
    }

    /** The re-check code to the account's current phone. */
    void sendRecheckCode(Account account, Locale locale) {
        try {
            recheck.sendCode(account, locale);
        } catch (Recheck.Refused refused) {
            throw PhoneRefused.from(refused);
        }
    }

    PhoneFlow recheckBySms(Account account, PhoneKind kind, String password, String code, String sourceIp,
            Locale locale) {
        return rechecked(account, kind, sourceIp, () -> recheck.passwordAndSms(account, password, code, locale));
    }

    /** «Нет доступа к старому номеру»: the password and a TOTP or backup code instead of the SMS. */
    PhoneFlow recheckWithoutPhone(Account account, PhoneKind kind, String password, String code, String sourceIp,
            Locale locale) {
        return rechecked(account, kind, sourceIp, () -> recheck.passwordWithoutPhone(account, password, code, locale));
    }

    private PhoneFlow rechecked(Account account, PhoneKind kind, String sourceIp, Supplier<Recheck.Factor> check) {
        try {
            return PhoneFlow.rechecked(account.id(), kind, check.get(), clock.instant());
        } catch (Recheck.Refused refused) {
            throw journalled(account, kind.auditAction(), sourceIp, "recheck", PhoneRefused.from(refused));
        }
    }

    /**
     * Checks the typed number and sends a code to it. The per-address limits apply: this is the one
     * step where a signed-in person makes the service text a number of their choosing.
     */
    PhoneFlow chooseNumber(Account account, PhoneFlow flow, String typed, String sourceIp, Locale locale) {
        try {
            String e164 = usable(account, flow.kind(), typed, locale);
            return flow.codeSent(e164, send(account, flow.kind(), e164, sourceIp, locale).resendAfter());
        } catch (PhoneRefused refused) {
            throw journalled(account, flow.kind().auditAction(), sourceIp, "number", refused);
        }
    }

    /** «Отправить код ещё раз»: a new code replaces the old one, after the same waits as the first. */
    PhoneFlow resend(Account account, PhoneFlow flow, String sourceIp, Locale locale) {
        String e164 = required(flow);
        return flow.codeSent(e164, send(account, flow.kind(), e164, sourceIp, locale).resendAfter());
    }

    /**
     * The code sent to the new number, typed back: the change is made. A wrong code counts against
     * the code's own tries and against the account; an expired or used-up one only asks for another.
     */
    Outcome confirm(Account account, PhoneFlow flow, String code, String sourceIp, Locale locale) {
        String e164 = required(flow);
        PhoneKind kind = flow.kind();
        try {
            recheck.refuseWhileWaiting(account, locale);
            codes.verify(kind.purpose(), e164, code);
        } catch (Recheck.Refused refused) {
            throw journalled(account, kind.auditAction(), sourceIp, "code", PhoneRefused.from(refused));
        } catch (CodeRejected rejected) {
            throw journalled(account, kind.auditAction(), sourceIp, "code",
                    PhoneRefused.from(recheck.codeRefused(account, rejected, locale)));
        }
        recheck.succeeded(account);
        try {
            return kind == PhoneKind.MAIN ? moveTo(account, e164, flow, sourceIp, locale) : setBackup(account, e164, flow, sourceIp, locale);
        } catch (PhoneRefused refused) {
            throw journalled(account, kind.auditAction(), sourceIp, "save", refused);
        }
    }

    private Outcome moveTo(Account account, String e164, PhoneFlow flow, String sourceIp, Locale locale) {
        String old = account.phone();
        // Checked before the write: the unique column still decides a race, but a refused write
        // aborts the transaction, so the usual case must not get that far.
        boolean backupBecameMain = Boolean.TRUE.equals(transactions.execute(status -> {
            if (takenByAnother(account, e164) || !accounts.changePhone(account.id(), e164)) {
                throw unusable(locale);
            }
            boolean dropped = backupPhones.of(account.id()).filter(e164::equals).isPresent()
                    && backupPhones.remove(account.id());
            audit.record(entry(account, PhoneKind.MAIN.auditAction(), AuditOutcome.SUCCESS, sourceIp)
                    .with("from", masked(old)).with("to", masked(e164))
                    .with("confirmedWith", flow.confirmedWith().name())
                    .with("backupBecameMain", Boolean.toString(dropped)));
            return dropped;
        }));
        // The owner's alert goes to the old number even when its code could not be read, and past
        // the per-minute limit the re-check code has just used: straight to the SMS port.
        sms.send(old, text("phone.sms.changed", locale, masked(e164)));
        return backupBecameMain ? Outcome.BACKUP_BECAME_MAIN : Outcome.PHONE_CHANGED;
    }

    private Outcome setBackup(Account account, String e164, PhoneFlow flow, String sourceIp, Locale locale) {
        Account current = account(account.id());
        if (e164.equals(current.phone())) {
            throw PhoneRefused.because("backup-is-main", text("phone.refused.backup-is-main", locale));
        }
        try {
            transactions.executeWithoutResult(status -> {
                if (takenByAnother(current, e164)) {
                    throw unusable(locale);
                }
                Optional<String> previous = backupPhones.of(current.id());
                backupPhones.set(current.id(), e164, clock.instant());
                audit.record(entry(current, PhoneKind.BACKUP.auditAction(), AuditOutcome.SUCCESS, sourceIp)
                        .with("to", masked(e164)).with("previous", previous.map(PhoneChanges::masked).orElse("none"))
                        .with("confirmedWith", flow.confirmedWith().name()));
            });
        } catch (DuplicateKeyException race) {
            throw unusable(locale);
        }
        sms.send(current.phone(), text("phone.sms.backup-set", locale, masked(e164)));
        return Outcome.BACKUP_SET;
    }

    /**
     * Removes the backup phone after the password alone (CNT-4 does the same for an e-mail): it only
     * takes a way back in away, and the main phone is told.
     *
     * @return false when there was no backup phone to remove
     */
    boolean removeBackup(Account account, String password, String sourceIp, Locale locale) {
        try {
            recheck.password(account, password, locale);
        } catch (Recheck.Refused refused) {
            throw journalled(account, REMOVE_ACTION, sourceIp, "recheck", PhoneRefused.from(refused));
        }
        boolean removed = Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<String> previous = backupPhones.of(account.id());
            if (previous.isEmpty() || !backupPhones.remove(account.id())) {
                return false;
            }
            audit.record(entry(account, REMOVE_ACTION, AuditOutcome.SUCCESS, sourceIp).with("removed", masked(previous.get())));
            return true;
        }));
        if (removed) {
            sms.send(account.phone(), text("phone.sms.backup-removed", locale));
        }
        return removed;
    }

    /** The typed number in E.164, when it may become this kind of number of this account. */
    private String usable(Account account, PhoneKind kind, String typed, Locale locale) {
        String e164;
        try {
            if (typed.length() > MAX_TYPED) {
                throw new InvalidValue("phone", "identity.phone.format", "longer than any phone number");
            }
            e164 = PhoneNumber.parse(typed).e164();
        } catch (InvalidValue invalid) {
            throw PhoneRefused.because("invalid-number", text(invalid.code(), locale));
        }
        Optional<String> backup = backupPhones.of(account.id());
        if (kind == PhoneKind.MAIN && e164.equals(account.phone())) {
            throw PhoneRefused.because("same-number", text("phone.refused.same", locale));
        }
        if (kind == PhoneKind.BACKUP && e164.equals(account.phone())) {
            throw PhoneRefused.because("backup-is-main", text("phone.refused.backup-is-main", locale));
        }
        if (kind == PhoneKind.BACKUP && backup.filter(e164::equals).isPresent()) {
            throw PhoneRefused.because("same-number", text("phone.refused.backup-same", locale));
        }
        if (takenByAnother(account, e164)) {
            throw unusable(locale);
        }
        return e164;
    }

    /**
     * Whether the number is another account's main or backup phone. Either way the page only says
     * that the number cannot be used: whose it is, or whether it is anyone's, is not the asker's business.
     */
    private boolean takenByAnother(Account account, String e164) {
        return accounts.byPhone(e164).filter(other -> !other.id().equals(account.id())).isPresent()
                || backupPhones.accountWith(e164).filter(other -> !other.equals(account.id())).isPresent();
    }

    private SmsCodes.Sent send(Account account, PhoneKind kind, String e164, String sourceIp, Locale locale) {
        try {
            return codes.send(kind.purpose(), e164, account.id(), sourceIp, locale);
        } catch (SmsLimitReached limit) {
            throw PhoneRefused.waiting("sms-limit", text("phone.refused.sms-limit", locale,
                    waits.inWords(limit.retryAfter(), locale)));
        }
    }

    private PhoneRefused unusable(Locale locale) {
        return PhoneRefused.because("number-unavailable", text("phone.refused.unavailable", locale));
    }

    /** Journals the refusal on its own, after any transaction of the step has rolled back. */
    private PhoneRefused journalled(Account account, String action, String sourceIp, String step, PhoneRefused refused) {
        audit.record(entry(account, action, AuditOutcome.FAILURE, sourceIp).with("step", step).with("reason", refused.reason()));
        return refused;
    }

    private static AuditEntry entry(Account account, String action, AuditOutcome outcome, String sourceIp) {
        return AuditEntry.of(account.principalName(), action, "account:" + account.id(), outcome).from(sourceIp);
    }

    private static String required(PhoneFlow flow) {
        String e164 = flow.newPhone();
        if (e164 == null) {
            throw new IllegalStateException("no number was chosen in this change");
        }
        return e164;
    }

    static String masked(String e164) {
        return new PhoneNumber(e164).masked();
    }

    private String text(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }
}
