package ru.gospochta.identity.internal.settings;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import ru.gospochta.identity.BirthDate;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PasswordPolicy;
import ru.gospochta.identity.PasswordStrength;
import ru.gospochta.identity.PasswordViolation;
import ru.gospochta.identity.PersonName;
import ru.gospochta.identity.PersonalData;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.session.Sessions;

/**
 * «Смена пароля» (ACC-5 with the rules of ACC-4): the current password first, then the new one
 * twice, held to the policy with what is known about the person. A new password moves the
 * password version on, which forgets remembered devices, and ends every other session, so
 * whoever knew the old password is out.
 */
@Service
class PasswordChange {

    static final String ACTION = "identity.password-change";

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final Reauthentication reauthentication;
    private final Sessions sessions;
    private final SettingsAudit audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    PasswordChange(Accounts accounts, PasswordPolicy policy, PasswordEncoder passwords, Reauthentication reauthentication,
            Sessions sessions, SettingsAudit audit, TransactionOperations transactions, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.passwords = passwords;
        this.reauthentication = reauthentication;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The meter's reading as the person types the new password. */
    PasswordStrength strength(Account account, String typed) {
        return policy.strength(typed, personalData(account));
    }

    /**
     * @param keptSession the session the change was made in, which stays signed in
     * @return how many other sessions ended
     */
    int change(Account account, String current, String fresh, String repeated, @Nullable String keptSession,
            String sourceIp) {
        return audit.attempt(account.id(), ACTION, sourceIp, () -> {
            reauthentication.password(account, current);
            if (!fresh.equals(repeated)) {
                throw SettingsRefused.because(SettingsRefused.Reason.PASSWORDS_DIFFER);
            }
            List<PasswordViolation> violations = policy.check(fresh, personalData(account));
            if (!violations.isEmpty()) {
                throw SettingsRefused.weak(violations);
            }
            if (fresh.equals(current)) {
                throw SettingsRefused.because(SettingsRefused.Reason.SAME_PASSWORD);
            }
            String hash = passwords.encode(fresh);
            Integer ended = transactions.execute(status -> {
                accounts.changePassword(account.id(), hash, clock.instant());
                // The session store commits on its own: if the change rolls back after this, the
                // other sessions are ended all the same, which errs on the safe side.
                int count = sessions.endAllExcept(account.principalName(), keptSession);
                audit.changed(account.id(), ACTION, sourceIp, Map.of("otherSessionsEnded", String.valueOf(count)));
                return count;
            });
            reauthentication.succeeded(account);
            return Objects.requireNonNull(ended);
        });
    }

    /**
     * What the policy may refuse a password for containing. Stored values passed their checks
     * when they were saved; a value that no longer reads (a rule tightened since) is left out
     * rather than failing the change.
     */
    static PersonalData personalData(Account account) {
        return new PersonalData(
                readable(() -> new PersonName(account.surname(), account.givenName(), account.patronymic())),
                readable(() -> new BirthDate(account.birthDate())),
                readable(() -> new PhoneNumber(account.phone())),
                readable(() -> new Snils(account.snils())));
    }

    private static <T> @Nullable T readable(Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidValue outdated) {
            return null;
        }
    }
}
