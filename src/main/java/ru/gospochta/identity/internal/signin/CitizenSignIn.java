package ru.gospochta.identity.internal.signin;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.AccountsByEmail;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.SignedInFromNewDevice;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.BackupCodes;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;
import ru.gospochta.identity.internal.factors.TrustedDeviceToken;
import ru.gospochta.platform.OutgoingSms;

/**
 * Signing a citizen in (ACC-3, ACC-7): identifier and password, then a second factor on a device
 * not remembered and whenever two-step verification is on. Wrong answers make the typed
 * identifier and the source address wait; an unknown identifier is answered exactly like a
 * wrong password, after the same amount of work.
 */
@Service
public class CitizenSignIn {

    /** How the second step is taken. */
    public enum Method { SMS, TOTP, BACKUP_CODE }

    /** A password accepted, the second step outstanding; kept in the session between the two pages. */
    public record Challenge(UUID account, Method method, boolean newDevice, boolean backupCodesLeft, String maskedPhone,
            List<String> throttleSubjects) implements Serializable {
    }

    public sealed interface Outcome {
    }

    /** Too many wrong answers: try again after this long. */
    public record Waiting(Duration retryAfter) implements Outcome {
    }

    /** Wrong identifier or password, never saying which. */
    public record Refused() implements Outcome {
    }

    /** The password is right but the phone was never confirmed: registration must be finished first. */
    public record PhoneNotConfirmed(UUID account, String phone) implements Outcome {
    }

    public record SecondFactorNeeded(Challenge challenge, @Nullable Duration smsWait) implements Outcome {
    }

    public record SignedIn(Account account, boolean newDevice) implements Outcome {
    }

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Throttle throttle;
    private final SmsCodes codes;
    private final Totp totp;
    private final SecretSeal seal;
    private final BackupCodes backupCodes;
    private final BackupCodeStore backupStore;
    private final TrustedDeviceToken trustedDevices;
    private final SignInJournal journal;
    private final OutgoingSms sms;
    private final MessageSource messages;
    private final AuditLog audit;
    private final JdbcClient db;
    private final Clock clock;
    private final ObjectProvider<AccountsByEmail> accountsByEmail;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final String decoyHash;

    public CitizenSignIn(Accounts accounts, PasswordEncoder passwords, Throttle throttle, SmsCodes codes, Totp totp,
            SecretSeal seal, BackupCodes backupCodes, BackupCodeStore backupStore, TrustedDeviceToken trustedDevices,
            SignInJournal journal, OutgoingSms sms, MessageSource messages, AuditLog audit, JdbcClient db, Clock clock,
            ObjectProvider<AccountsByEmail> accountsByEmail, ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.codes = codes;
        this.totp = totp;
        this.seal = seal;
        this.backupCodes = backupCodes;
        this.backupStore = backupStore;
        this.trustedDevices = trustedDevices;
        this.journal = journal;
        this.sms = sms;
        this.messages = messages;
        this.audit = audit;
        this.db = db;
        this.clock = clock;
        this.accountsByEmail = accountsByEmail;
        this.events = events;
        this.transactions = transactions;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** Where a sign-in comes from: for the journal, the waits and the alerts. */
    public record Origin(String sourceIp, String device, Locale locale) {
    }

    public Outcome checkPassword(String identifier, String password, @Nullable String deviceCookie, Origin origin) {
        Optional<Account> found = Identifiers.find(identifier, accounts, Optional.ofNullable(accountsByEmail.getIfAvailable()));
        List<String> subjects = List.of("login:" + Identifiers.canonical(identifier), "ip:" + origin.sourceIp());
        Optional<Duration> wait = longestWait(subjects);
        if (wait.isPresent()) {
            found.ifPresent(a -> journal.record(a.id(), clock.instant(), origin.sourceIp(), origin.device(), SignInJournal.Result.LOCKED));
            return new Waiting(wait.get());
        }
        boolean matches = passwords.matches(password, found.map(Account::passwordHash).orElse(decoyHash));
        if (found.isEmpty() || !matches) {
            found.ifPresent(a -> {
                journal.record(a.id(), clock.instant(), origin.sourceIp(), origin.device(), SignInJournal.Result.WRONG_PASSWORD);
                audit(a.id(), "identity.sign-in", AuditOutcome.FAILURE, origin, "wrong-password");
            });
            Optional<Duration> started = Optional.empty();
            for (String subject : subjects) {
                Optional<Duration> w = throttle.recordFailure(subject);
                if (w.isPresent()) {
                    started = w;
                }
            }
            if (started.isPresent()) {
                found.ifPresent(a -> audit(a.id(), "identity.lockout", AuditOutcome.DENIED, origin, "wrong-passwords"));
                return new Waiting(started.get());
            }
            return new Refused();
        }
        Account account = found.get();
        if (account.state() == AccountState.REGISTERED) {
            return new PhoneNotConfirmed(account.id(), account.phone());
        }
        boolean trusted = deviceCookie != null && trustedDevices.verify(deviceCookie, clock.instant())
                .filter(d -> d.account().equals(account.id()) && d.passwordVersion() == account.passwordVersion())
                .isPresent();
        if (trusted && !account.twoStepEnabled()) {
            return finish(account, false, subjects, origin);
        }
        Method method = account.twoStepEnabled() && account.twoStepMethod() == Account.SecondFactorMethod.TOTP && account.hasTotp()
                ? Method.TOTP : Method.SMS;
        Challenge challenge = new Challenge(account.id(), method, !trusted, !backupStore.unused(account.id()).isEmpty(),
                PhoneNumber.parse(account.phone()).masked(), subjects);
        Duration smsWait = null;
        if (method == Method.SMS) {
            smsWait = sendSms(challenge, origin);
        }
        return new SecondFactorNeeded(challenge, smsWait);
    }

    /** Sends (again) the SMS code of a challenge; the wait when the limits say no. */
    public @Nullable Duration sendSms(Challenge challenge, Origin origin) {
        Account account = accounts.byId(challenge.account()).orElseThrow();
        try {
            codes.send(Purpose.SIGN_IN, account.phone(), account.id(), origin.sourceIp(), origin.locale());
            return null;
        } catch (SmsLimitReached limit) {
            return limit.retryAfter();
        }
    }

    /**
     * Checks the second factor.
     *
     * @throws CodeRejected when the code is wrong, expired or used up; the caller shows why
     */
    public Outcome completeSecondFactor(Challenge challenge, Method method, String code, Origin origin) {
        String subject = "factor:" + challenge.account();
        Optional<Duration> wait = throttle.waitFor(subject);
        if (wait.isPresent()) {
            return new Waiting(wait.get());
        }
        Account account = accounts.byId(challenge.account()).orElseThrow();
        try {
            switch (method) {
                case SMS -> codes.verify(Purpose.SIGN_IN, account.phone(), code);
                case TOTP -> verifyTotp(account, code);
                case BACKUP_CODE -> verifyBackupCode(account, code);
            }
        } catch (CodeRejected rejected) {
            journal.record(account.id(), clock.instant(), origin.sourceIp(), origin.device(), SignInJournal.Result.WRONG_SECOND_FACTOR);
            audit(account.id(), "identity.sign-in", AuditOutcome.FAILURE, origin, "wrong-" + method.name().toLowerCase());
            Optional<Duration> started = throttle.recordFailure(subject);
            if (started.isPresent()) {
                audit(account.id(), "identity.lockout", AuditOutcome.DENIED, origin, "wrong-codes");
                return new Waiting(started.get());
            }
            throw rejected;
        }
        throttle.recordSuccess(subject);
        return finish(account, challenge.newDevice(), challenge.throttleSubjects(), origin);
    }

    private void verifyTotp(Account account, String code) {
        byte[] sealed = account.totpSecretSealed();
        if (sealed == null) {
            throw new CodeRejected(CodeRejected.Reason.NONE, 0);
        }
        OptionalLong step = totp.verify(TotpSecret.of(seal.open(account.id(), sealed)), code, account.totpLastStep());
        if (step.isEmpty() || !accounts.useTotpStep(account.id(), step.getAsLong())) {
            throw new CodeRejected(CodeRejected.Reason.WRONG, 0);
        }
    }

    private void verifyBackupCode(Account account, String code) {
        List<BackupCodeStore.Unused> unused = backupStore.unused(account.id());
        OptionalInt index = backupCodes.match(code, unused.stream().map(BackupCodeStore.Unused::hash).toList());
        if (index.isEmpty() || !backupStore.use(account.id(), unused.get(index.getAsInt()).position(), clock.instant())) {
            throw new CodeRejected(CodeRejected.Reason.WRONG, 0);
        }
    }

    private SignedIn finish(Account account, boolean newDevice, List<String> subjects, Origin origin) {
        subjects.forEach(throttle::recordSuccess);
        Instant now = clock.instant();
        journal.record(account.id(), now, origin.sourceIp(), origin.device(), SignInJournal.Result.SUCCESS);
        audit(account.id(), "identity.sign-in", AuditOutcome.SUCCESS, origin, newDevice ? "new-device" : "remembered-device");
        if (newDevice && account.signInAlerts()) {
            sms.send(account.phone(), messages.getMessage("identity.sms.sign-in-alert",
                    new Object[] {origin.device(), origin.sourceIp()}, origin.locale()));
            // Published in a transaction of its own, so the event registry keeps it until the
            // listeners (the e-mail notice) are done, across a crash.
            transactions.executeWithoutResult(status -> events.publishEvent(
                    new SignedInFromNewDevice(account.id(), origin.device(), origin.sourceIp(), origin.locale())));
        }
        return new SignedIn(account, newDevice);
    }

    /** The cookie value that remembers this device for 30 days. */
    public String rememberDevice(Account account) {
        Instant now = clock.instant();
        String token = trustedDevices.issue(account.id(), account.passwordVersion(), now);
        trustedDevices.verify(token, now).ifPresent(device -> db.sql("""
                INSERT INTO identity.known_devices (account_id, device_id, first_seen, last_seen)
                VALUES (:account, :device, :now, :now)
                ON CONFLICT (account_id, device_id) DO UPDATE SET last_seen = :now""")
                .param("account", account.id()).param("device", device.deviceId().toString())
                .param("now", now.atOffset(java.time.ZoneOffset.UTC)).update());
        return token;
    }

    private Optional<Duration> longestWait(List<String> subjects) {
        return subjects.stream().map(throttle::waitFor).flatMap(Optional::stream).max(Duration::compareTo);
    }

    private void audit(UUID account, String action, AuditOutcome outcome, Origin origin, String detail) {
        audit.record(AuditEntry.of("citizen:" + account, action, "account:" + account, outcome)
                .from(origin.sourceIp()).with("detail", detail));
    }
}
