package ru.gospochta.identity.internal.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.SecretSeal;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;
import ru.gospochta.platform.DemoCredential;
import ru.gospochta.platform.DemoSecrets;
import ru.gospochta.platform.DemoSeeder;

/**
 * The demo citizen: an active account with two-step verification by an authenticator app, so a
 * newcomer sees the whole sign-in. The TOTP secret is printed to add to any authenticator app.
 * Seeded first, so other modules' demo data (the demo mailbox) finds the account.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CitizenDemoSeeder implements DemoSeeder {

    static final String PHONE = "+79990000001";
    /** 112-233-445 95: a SNILS whose check number is right. */
    static final String SNILS = "11223344595";

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final SecretSeal seal;
    private final Clock clock;

    CitizenDemoSeeder(Accounts accounts, PasswordEncoder passwords, SecretSeal seal, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.seal = seal;
        this.clock = clock;
    }

    @Override
    public List<DemoCredential> seed(DemoSecrets secrets) {
        String password = secrets.get("citizen");
        TotpSecret totp = TotpSecret.fromBase32(secrets.get("citizen-totp", () -> Totp.newSecret().base32()));
        Instant now = clock.instant();
        Account account = accounts.byPhone(PHONE).orElseGet(() -> {
            Account created = new Account(UUID.randomUUID(), PHONE, SNILS, null, "Иванов", "Иван", "Иванович",
                    LocalDate.of(1984, 7, 12), "4510", "123456", "г. Москва, ул. Ильинка, д. 9, кв. 1",
                    AccountState.ACTIVE, passwords.encode(password), 1, now, false, Account.SecondFactorMethod.SMS, null,
                    0, true, now);
            accounts.insert(created, now);
            return created;
        });
        if (!passwords.matches(password, account.passwordHash())) {
            accounts.changePassword(account.id(), passwords.encode(password), now);
        }
        if (account.totpSecretSealed() == null) {
            accounts.setTotp(account.id(), seal.seal(account.id(), totp.bytes()), Totp.NO_STEP_USED);
            accounts.setTwoStep(account.id(), true, Account.SecondFactorMethod.TOTP);
        }
        return List.of(
                new DemoCredential("citizen", "/login", "+7 999 000-00-01 (СНИЛС 112-233-445 95)", password),
                new DemoCredential("citizen-totp", "/login (второй шаг: код из приложения)", "Госпочта", totp.displayed()));
    }
}
