package ru.gospochta.identity.internal.settings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Account.SecondFactorMethod;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.BackupCodes;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.Throttle;

/**
 * The signed-in person proves again that they are the account holder before a change that
 * weakens or replaces a factor: the current password, and where asked the current second factor.
 * Wrong answers count against the account (subject {@code account:<id>}), so a session left open
 * on someone else's screen does not let them guess the password or codes (ACC-7).
 */
@Component
class Reauthentication {

    /** The second factor a change was confirmed with, for the audit log. */
    enum Factor { TOTP, SMS, BACKUP_CODE }

    private final PasswordEncoder passwords;
    private final Throttle throttle;
    private final Accounts accounts;
    private final Totp totp;
    private final SecretSeal seal;
    private final SmsCodes sms;
    private final BackupCodes backupCodes;
    private final BackupCodeStore backupStore;
    private final Clock clock;

    Reauthentication(PasswordEncoder passwords, Throttle throttle, Accounts accounts, Totp totp, SecretSeal seal,
            SmsCodes sms, BackupCodes backupCodes, BackupCodeStore backupStore, Clock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.accounts = accounts;
        this.totp = totp;
        this.seal = seal;
        this.sms = sms;
        this.backupCodes = backupCodes;
        this.backupStore = backupStore;
        this.clock = clock;
    }

    static String subject(Account account) {
        return "account:" + account.id();
    }

    /** How long the account still waits after too many wrong answers, if it does. */
    Optional<Duration> waitFor(Account account) {
        return throttle.waitFor(subject(account));
    }

    /** Checked before anything else, so a waiting account learns nothing from its answers. */
    void password(Account account, String typed) {
        waitFor(account).ifPresent(wait -> {
            throw SettingsRefused.waiting(wait);
        });
        if (!passwords.matches(typed, account.passwordHash())) {
            throw failed(account, SettingsRefused.Reason.WRONG_PASSWORD);
        }
    }

    /**
     * A current code of the account's method — from the TOTP app, or the SMS sent for
     * re-authentication — or one of its unused backup codes. The code is spent: a TOTP step is
     * recorded so it cannot be replayed, an SMS or backup code is marked used.
     */
    Factor secondFactor(Account account, String typed) {
        waitFor(account).ifPresent(wait -> {
            throw SettingsRefused.waiting(wait);
        });
        String compact = typed.strip();
        if (looksLikeOneTimeCode(compact)) {
            return account.twoStepMethod() == SecondFactorMethod.TOTP ? totpCode(account, compact) : smsCode(account, compact);
        }
        return backupCode(account, compact);
    }

    /**
     * A second answer that does not come to the phone, for a person whose phone is out of reach
     * (CNT-5): a current code of the TOTP app when the account has one, or an unused backup code.
     * Six digits are never taken as an SMS code here, whatever the account's method.
     */
    Factor withoutPhone(Account account, String typed) {
        waitFor(account).ifPresent(wait -> {
            throw SettingsRefused.waiting(wait);
        });
        String compact = typed.strip();
        return looksLikeOneTimeCode(compact) ? totpCode(account, compact) : backupCode(account, compact);
    }

    /** Whether the account has an answer that {@link #withoutPhone} can accept. */
    boolean hasFactorWithoutPhone(Account account) {
        return account.hasTotp() || !backupStore.unused(account.id()).isEmpty();
    }

    private Factor backupCode(Account account, String compact) {
        List<BackupCodeStore.Unused> unused = backupStore.unused(account.id());
        OptionalInt match = backupCodes.match(compact, unused.stream().map(BackupCodeStore.Unused::hash).toList());
        if (match.isEmpty() || !backupStore.use(account.id(), unused.get(match.getAsInt()).position(), clock.instant())) {
            throw failed(account, SettingsRefused.Reason.WRONG_CODE);
        }
        return Factor.BACKUP_CODE;
    }

    /** A right answer forgives the wrong ones before it. */
    void succeeded(Account account) {
        throttle.recordSuccess(subject(account));
    }

    /** Counts the wrong answer; when it was the last one allowed, the refusal names the wait instead. */
    SettingsRefused failed(Account account, SettingsRefused.Reason reason) {
        return throttle.recordFailure(subject(account)).map(SettingsRefused::waiting)
                .orElseGet(() -> SettingsRefused.because(reason));
    }

    private Factor totpCode(Account account, String code) {
        byte[] sealed = account.totpSecretSealed();
        if (sealed == null) {
            throw failed(account, SettingsRefused.Reason.WRONG_CODE);
        }
        OptionalLong step = totp.verify(TotpSecret.of(seal.open(account.id(), sealed)), code, account.totpLastStep());
        if (step.isEmpty() || !accounts.useTotpStep(account.id(), step.getAsLong())) {
            throw failed(account, SettingsRefused.Reason.WRONG_CODE);
        }
        return Factor.TOTP;
    }

    private Factor smsCode(Account account, String code) {
        try {
            sms.verify(Purpose.REAUTHENTICATION, account.phone(), code);
            return Factor.SMS;
        } catch (CodeRejected rejected) {
            throw refusal(account, rejected);
        }
    }

    /** Only a wrong guess counts towards the wait; an expired or missing code is nobody's guess. */
    SettingsRefused refusal(Account account, CodeRejected rejected) {
        return switch (rejected.reason()) {
            case WRONG -> failed(account, SettingsRefused.Reason.WRONG_CODE);
            case EXHAUSTED -> failed(account, SettingsRefused.Reason.CODE_EXHAUSTED);
            case EXPIRED -> SettingsRefused.because(SettingsRefused.Reason.CODE_EXPIRED);
            case NONE -> SettingsRefused.because(SettingsRefused.Reason.NO_CODE);
        };
    }

    /** Six digits, spaces forgiven: a TOTP or SMS code rather than a backup code. */
    static boolean looksLikeOneTimeCode(String typed) {
        String digits = typed.replace(" ", "").replace("\u00a0", "");
        return digits.length() == Totp.DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
