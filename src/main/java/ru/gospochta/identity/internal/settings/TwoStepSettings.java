package ru.gospochta.identity.internal.settings;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Account.SecondFactorMethod;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.BackupCodes;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.factors.QrCodes;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;

/**
 * «Двухэтапная проверка» (ACC-3, ACC-6): turning it on with a TOTP app or SMS, changing the method,
 * turning it off, and the backup codes. Turning it on or changing the method asks for the current
 * password — a session left open must not let someone else put their own phone on the account —
 * and proof that the new factor works. Turning it off asks for the password and a current factor.
 */
@Service
class TwoStepSettings {

    /**
     * What the authenticator app lists the key under. A name, not a text: it stays the same
     * whatever the interface language, or the entries in people's apps would differ.
     */
    static final String ISSUER = "Госпочта";

    private final Accounts accounts;
    private final BackupCodeStore backupStore;
    private final BackupCodes backupCodes;
    private final SecretSeal seal;
    private final Totp totp;
    private final QrCodes qrCodes;
    private final SmsCodes sms;
    private final Reauthentication reauthentication;
    private final SettingsAudit audit;
    private final TransactionOperations transactions;

    TwoStepSettings(Accounts accounts, BackupCodeStore backupStore, BackupCodes backupCodes, SecretSeal seal, Totp totp,
            QrCodes qrCodes, SmsCodes sms, Reauthentication reauthentication, SettingsAudit audit,
            TransactionOperations transactions) {
        this.accounts = accounts;
        this.backupStore = backupStore;
        this.backupCodes = backupCodes;
        this.seal = seal;
        this.totp = totp;
        this.qrCodes = qrCodes;
        this.sms = sms;
        this.reauthentication = reauthentication;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** What the enrolment page shows: the QR code for the camera and the key for typing by hand. */
    record Enrolment(String qrCode, String key) {

        @Override
        public String toString() {
            return "Enrolment[hidden]";
        }
    }

    /**
     * A new TOTP key, sealed to the account. It waits in the web session until confirmed, so the
     * session table holds nothing an attacker could read the key from either.
     */
    byte[] newPendingKey(Account account) {
        return seal.seal(account.id(), Totp.newSecret().bytes());
    }

    /** @param qrTitle what a screen reader says for the QR code */
    Enrolment enrolment(Account account, byte[] pendingKey, String qrTitle) {
        TotpSecret secret = TotpSecret.of(seal.open(account.id(), pendingKey));
        String label = PhoneNumber.parse(account.phone()).masked();
        return new Enrolment(qrCodes.dataUri(totp.otpauthUri(secret, ISSUER, label), qrTitle), secret.displayed());
    }

    /**
     * Stores the pending key once the app shows a right code for it. The step of that code is
     * stored with the key, so the same code cannot be used again, e.g. to turn two-step off.
     *
     * @return the new backup codes, to be shown once
     */
    BackupCodes.Issued confirmTotp(Account account, byte[] pendingKey, String code, String password, String sourceIp) {
        return audit.attempt(account.id(), "identity.two-step-on", sourceIp, () -> {
            reauthentication.password(account, password);
            TotpSecret secret = TotpSecret.of(seal.open(account.id(), pendingKey));
            OptionalLong step = totp.verify(secret, code, Totp.NO_STEP_USED);
            if (step.isEmpty()) {
                // A typo or a phone clock far off, with the password just proven: not counted as a guess.
                throw SettingsRefused.because(SettingsRefused.Reason.WRONG_CODE);
            }
            BackupCodes.Issued issued = backupCodes.issue();
            transactions.executeWithoutResult(status -> {
                accounts.setTotp(account.id(), seal.seal(account.id(), secret.bytes()), step.getAsLong());
                turnOn(account, SecondFactorMethod.TOTP, issued, sourceIp);
            });
            reauthentication.succeeded(account);
            return issued;
        });
    }

    /** Sends a code to the account's phone, for turning two-step on with SMS or off again. */
    SmsCodes.Sent sendCode(Account account, Locale locale) {
        try {
            // The per-address limit is for anonymous visitors; a signed-in person only reaches their
            // own confirmed phone, which has its limits, and many people share an office's address.
            return sms.send(Purpose.REAUTHENTICATION, account.phone(), account.id(), null, locale);
        } catch (SmsLimitReached limit) {
            throw SettingsRefused.smsLimit(limit.retryAfter());
        }
    }

    /** @return the new backup codes, to be shown once */
    BackupCodes.Issued confirmSms(Account account, String code, String password, String sourceIp) {
        return audit.attempt(account.id(), "identity.two-step-on", sourceIp, () -> {
            reauthentication.password(account, password);
            try {
                sms.verify(Purpose.REAUTHENTICATION, account.phone(), code);
            } catch (CodeRejected rejected) {
                // The code has its own five tries; the password was just proven.
                throw SettingsRefused.because(switch (rejected.reason()) {
                    case WRONG -> SettingsRefused.Reason.WRONG_CODE;
                    case EXHAUSTED -> SettingsRefused.Reason.CODE_EXHAUSTED;
                    case EXPIRED -> SettingsRefused.Reason.CODE_EXPIRED;
                    case NONE -> SettingsRefused.Reason.NO_CODE;
                });
            }
            BackupCodes.Issued issued = backupCodes.issue();
            transactions.executeWithoutResult(status -> {
                // A key of an app no longer used is no factor at all: it goes.
                accounts.setTotp(account.id(), null, 0);
                turnOn(account, SecondFactorMethod.SMS, issued, sourceIp);
            });
            reauthentication.succeeded(account);
            return issued;
        });
    }

    /** Needs the password and a current factor; the TOTP key and backup codes go with it. */
    void turnOff(Account account, String password, String code, String sourceIp) {
        audit.attempt(account.id(), "identity.two-step-off", sourceIp, () -> {
            requireOn(account);
            reauthentication.password(account, password);
            Reauthentication.Factor factor = reauthentication.secondFactor(account, code);
            transactions.executeWithoutResult(status -> {
                accounts.setTwoStep(account.id(), false, account.twoStepMethod());
                accounts.setTotp(account.id(), null, 0);
                backupStore.clear(account.id());
                audit.changed(account.id(), "identity.two-step-off", sourceIp,
                        Map.of("method", account.twoStepMethod().name(), "confirmedWith", factor.name()));
            });
            reauthentication.succeeded(account);
            return factor;
        });
    }

    /** A new set of ten; the old set stops working at once. */
    BackupCodes.Issued regenerateBackupCodes(Account account, String password, String sourceIp) {
        return audit.attempt(account.id(), "identity.backup-codes", sourceIp, () -> {
            requireOn(account);
            reauthentication.password(account, password);
            BackupCodes.Issued issued = backupCodes.issue();
            transactions.executeWithoutResult(status -> {
                backupStore.replace(account.id(), issued.hashes());
                audit.changed(account.id(), "identity.backup-codes", sourceIp,
                        Map.of("count", String.valueOf(issued.hashes().size())));
            });
            reauthentication.succeeded(account);
            return issued;
        });
    }

    private void turnOn(Account account, SecondFactorMethod method, BackupCodes.Issued issued, String sourceIp) {
        accounts.setTwoStep(account.id(), true, method);
        backupStore.replace(account.id(), issued.hashes());
        String action = account.twoStepEnabled() ? "identity.two-step-method" : "identity.two-step-on";
        audit.changed(account.id(), action, sourceIp, Map.of("method", method.name(),
                "previousMethod", account.twoStepEnabled() ? account.twoStepMethod().name() : "none",
                "backupCodesIssued", String.valueOf(issued.hashes().size())));
    }

    private static void requireOn(Account account) {
        if (!account.twoStepEnabled()) {
            throw SettingsRefused.because(SettingsRefused.Reason.TWO_STEP_OFF);
        }
    }
}
