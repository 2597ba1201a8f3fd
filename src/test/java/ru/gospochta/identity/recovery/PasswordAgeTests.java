package ru.gospochta.identity.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.recovery.PasswordAge;

@DisplayName("ACC-4 reminds to change the password every 90 days")
class PasswordAgeTests {

    static final Instant CHANGED = Instant.parse("2025-01-10T09:30:00Z");

    final PasswordAge age = new PasswordAge();
    final Account account = changedAt(CHANGED);

    @Test
    @DisplayName("ACC-4: a password changed 89 days ago is not due")
    void youngPasswordIsNotDue() {
        assertThat(age.dueForChange(account, at(CHANGED.plus(Duration.ofDays(89))))).isFalse();
    }

    @Test
    @DisplayName("ACC-4: a password exactly 90 days old is not yet due")
    void ninetyDaysIsNotYetDue() {
        assertThat(age.dueForChange(account, at(CHANGED.plus(Duration.ofDays(90))))).isFalse();
    }

    @Test
    @DisplayName("ACC-4: a password older than 90 days is due for a change")
    void olderThanNinetyDaysIsDue() {
        assertThat(age.dueForChange(account, at(CHANGED.plus(Duration.ofDays(90)).plusSeconds(1)))).isTrue();
        assertThat(age.dueForChange(account, at(CHANGED.plus(Duration.ofDays(400))))).isTrue();
    }

    @Test
    @DisplayName("ACC-4: a password just set is not due")
    void freshPasswordIsNotDue() {
        assertThat(age.dueForChange(account, at(CHANGED))).isFalse();
    }

    private static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static Account changedAt(Instant passwordChangedAt) {
        return new Account(UUID.randomUUID(), "+79161234567", "11223344595", null, "Иванова", "Мария", "Петровна",
                LocalDate.of(1990, 5, 17), "4506", "123456", "г. Москва, ул. Тверская, д. 1, кв. 1", AccountState.ACTIVE,
                "hash", 1, passwordChangedAt, false, Account.SecondFactorMethod.SMS, null, 0, true,
                passwordChangedAt.minus(Duration.ofDays(1000)));
    }
}
