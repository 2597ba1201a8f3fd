package ru.gospochta.identity.internal.recovery;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import ru.gospochta.identity.internal.account.Account;

/**
 * ACC-4 asks to change the password every 90 days. This tells a page of the identity module when
 * to show the reminder (the fragment {@code identity/recovery/password-reminder :: banner}); the
 * password keeps working either way.
 */
@Component
public class PasswordAge {

    public static final Duration CHANGE_EVERY = Duration.ofDays(90);

    /** True once the password is older than {@link #CHANGE_EVERY}; at exactly 90 days, not yet. */
    public boolean dueForChange(Account account, Clock clock) {
        return account.passwordChangedAt().plus(CHANGE_EVERY).isBefore(clock.instant());
    }
}
