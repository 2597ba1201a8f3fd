package ru.gospochta.identity.internal.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.BirthDate;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PasswordPolicy;
import ru.gospochta.identity.PasswordStrength;
import ru.gospochta.identity.PasswordViolation;
import ru.gospochta.identity.PersonName;
import ru.gospochta.identity.PersonalData;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.RecoveryByEmail;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.session.Sessions;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;
import ru.gospochta.identity.internal.signin.Throttle;
import ru.gospochta.platform.OutgoingSms;

/**
 * «Забыли пароль?» (ACC-5): a code by SMS to the account's phone — or, when the citizen typed a
 * confirmed e-mail address, by letter to that address — then a new password that ends every
 * session. Whether the account exists must not show: an unknown identifier gets a decoy that
 * passes through the same limits, throttle and code checks, and simply never matches.
 */
@Service
class PasswordRecovery {

    static final String AUDIT_ACTION = "identity.password.recovered";
    private static final Purpose PURPOSE = Purpose.PASSWORD_RECOVERY;

    private final Accounts accounts;
    private final SmsCodes codes;
    private final Throttle throttle;
    private final Sessions sessions;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final OutgoingSms sms;
    private final RecoveryByEmail emails;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    PasswordRecovery(Accounts accounts, SmsCodes codes, Throttle throttle, Sessions sessions, PasswordEncoder passwords,
            ObjectProvider<PasswordPolicy> policies, OutgoingSms sms, RecoveryByEmail emails, MessageSource messages,
            AuditLog audit, Clock clock) {
        this.emails = emails;
        this.accounts = accounts;
        this.codes = codes;
        this.throttle = throttle;
        this.sessions = sessions;
        this.passwords = passwords;
        // One policy for the module when it declares one; building a policy loads the dictionaries, so never per request.
        this.policy = policies.getIfAvailable(PasswordPolicy::new);
        this.sms = sms;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Sends a code to the account the identifier names, or spends a decoy when there is none.
     *
     * @param readings what the typed text can mean, most likely first; not empty
     * @throws TooManyWrongCodes while this identifier waits after wrong codes
     * @throws SmsLimitReached when the phone (or stand-in) or the address asked too recently or too often
     */
    RecoveryState start(List<Identifier> readings, String sourceIp, Locale locale) {
        Identifier chosen = readings.getFirst();
        Account account = null;
        for (Identifier reading : readings) {
            Optional<Account> found = reading.account(accounts, emails).filter(Account::canSignIn);
            if (found.isPresent()) {
                chosen = reading;
                account = found.get();
                break;
            }
        }
        // A registered account whose phone was never confirmed cannot sign in, so it is recovered like none.
        RecoveryState state = account == null
                ? RecoveryState.of(chosen.throttleSubject(), chosen.decoyTarget(), null)
                : RecoveryState.of(chosen.throttleSubject(), chosen.codeTarget(account), account.id());
        return send(state, sourceIp, locale);
    }

    /** «Отправить код ещё раз»: a new code replaces the old one; the same waits apply as for the first. */
    RecoveryState resend(RecoveryState state, String sourceIp, Locale locale) {
        return send(state, sourceIp, locale);
    }

    private RecoveryState send(RecoveryState state, String sourceIp, Locale locale) {
        refuseWhileWaiting(state);
        UUID account = state.accountId();
        SmsCodes.Sent sent;
        if (account == null) {
            sent = codes.sendDecoy(PURPOSE, state.target(), sourceIp);
        } else if (state.byEmail()) {
            String address = state.emailAddress();
            sent = codes.send(PURPOSE, state.target(), account, sourceIp, code -> emails.sendRecoveryCode(address, code, locale));
        } else {
            sent = codes.send(PURPOSE, state.target(), account, sourceIp, locale);
        }
        return state.sent(sent.resendAfter());
    }

    /**
     * Checks the typed code. A wrong one counts against the code's five tries and, separately, against
     * the identifier, so asking for fresh codes does not buy endless guesses (ACC-7).
     *
     * @throws CodeRejected when the code is wrong, expired or used up
     * @throws TooManyWrongCodes while the identifier waits, or when this wrong code started the wait
     */
    RecoveryState confirm(RecoveryState state, String typed) {
        refuseWhileWaiting(state);
        try {
            codes.verify(PURPOSE, state.target(), typed);
        } catch (CodeRejected rejected) {
            if (rejected.reason() == CodeRejected.Reason.WRONG || rejected.reason() == CodeRejected.Reason.EXHAUSTED) {
                throttle.recordFailure(state.throttleSubject()).ifPresent(wait -> {
                    throw new TooManyWrongCodes(wait);
                });
            }
            throw rejected;
        }
        if (state.accountId() == null) {
            throw new IllegalStateException("a decoy code matched, which its random hash rules out");
        }
        throttle.recordSuccess(state.throttleSubject());
        return state.verified(clock.instant());
    }

    /** The account whose password may be set now, if the state allows it and the account still can be recovered. */
    Optional<Account> accountToReset(RecoveryState state) {
        UUID id = state.accountId();
        if (id == null || !state.maySetPassword(clock.instant())) {
            return Optional.empty();
        }
        // The channel the code went to must still be the account's: a phone changed or an address
        // removed meanwhile ends the recovery.
        return accounts.byId(id)
                .filter(Account::canSignIn)
                .filter(account -> state.byEmail()
                        ? emails.accountRecoverableBy(state.emailAddress()).filter(id::equals).isPresent()
                        : account.phone().equals(state.target())
                                || accounts.byBackupPhone(state.target()).filter(a -> a.id().equals(id)).isPresent());
    }

    PasswordStrength strength(Account account, String password) {
        return policy.strength(password, personalData(account));
    }

    /**
     * Sets the new password, ends every session of the account (remembered devices end with the
     * password version), journals it and tells the phone.
     *
     * @throws PasswordRefused when the two passwords differ or the policy refuses the password
     */
    @Transactional
    void changePassword(RecoveryState state, Account account, String password, String repeated, String sourceIp,
            Locale locale) {
        List<String> problems = new ArrayList<>();
        policy.check(password, personalData(account)).stream().map(PasswordViolation::code).forEach(problems::add);
        if (!password.equals(repeated)) {
            problems.add("recovery.password.mismatch");
        }
        if (!problems.isEmpty()) {
            throw new PasswordRefused(problems);
        }
        accounts.changePassword(account.id(), passwords.encode(password), clock.instant());
        int ended = sessions.endAllExcept(account.principalName(), null);
        audit.record(AuditEntry.of(account.principalName(), AUDIT_ACTION, "account:" + account.id(), AuditOutcome.SUCCESS)
                .from(sourceIp)
                .with("confirmedBy", state.byEmail() ? "email-code" : "sms-code")
                .with("sessionsEnded", Integer.toString(ended)));
        // Straight to the SMS port: the notice must go out even though the code has just used up the per-minute limit.
        sms.send(account.phone(), messages.getMessage("recovery.sms.password-changed", null, locale));
    }

    private void refuseWhileWaiting(RecoveryState state) {
        Optional<Duration> wait = throttle.waitFor(state.throttleSubject());
        if (wait.isPresent()) {
            throw new TooManyWrongCodes(wait.get());
        }
    }

    /**
     * What the policy must keep out of the new password. Each part was checked at registration; one
     * that a later rule would refuse is left out rather than blocking recovery.
     */
    private static PersonalData personalData(Account account) {
        return new PersonalData(
                quietly(() -> new PersonName(account.surname(), account.givenName(), account.patronymic())),
                quietly(() -> new BirthDate(account.birthDate())),
                quietly(() -> new PhoneNumber(account.phone())),
                quietly(() -> new Snils(account.snils())));
    }

    private static <T> @Nullable T quietly(Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidValue refusedNow) {
            return null;
        }
    }
}
