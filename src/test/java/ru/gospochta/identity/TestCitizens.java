package ru.gospochta.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * Citizens for tests: accounts written through the real repository with real hashing, each with
 * its own valid phone and SNILS, and signed-in sessions made in the real session store so a test
 * can act as the citizen over HTTP without walking through the sign-in pages each time.
 */
public final class TestCitizens {

    public static final String PASSWORD = "Gosp-Test-Pass-2024!";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private TestCitizens() {
    }

    /** A mobile number (+7 916 …) no other test uses. */
    public static String newPhone() {
        return "+7916" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
    }

    /** A SNILS with a valid check number that no other test uses, 11 digits. */
    public static String newSnils() {
        String body = String.format("%09d", 2_000_000 + SEQUENCE.incrementAndGet() * 97 % 990_000_000L);
        return body + snilsCheck(body);
    }

    /** An active account with a unique mobile number and SNILS. */
    public static Account create(Accounts accounts, PasswordEncoder passwords) {
        String phone = newPhone();
        String snils = newSnils();
        Instant now = Instant.now();
        Account account = new Account(UUID.randomUUID(), phone, snils, null, "Иванова", "Мария", "Петровна",
                LocalDate.of(1990, 5, 17), "4506", "123456", "г. Москва, ул. Тверская, д. 1, кв. 1", AccountState.ACTIVE,
                passwords.encode(PASSWORD), 1, now, false, Account.SecondFactorMethod.SMS, null, 0, true, now);
        accounts.insert(account, now);
        return account;
    }

    /** The Pension Fund's check number for the first nine digits of a SNILS. */
    public static String snilsCheck(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (9 - i);
        }
        int check = sum < 100 ? sum : sum <= 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
        return String.format("%02d", check);
    }

    /** A web client already signed in as the citizen, through a session stored like any other. */
    public static WebClient signedIn(int port, Account account, SessionRepository<? extends Session> sessions) {
        String id = session(account, sessions);
        return new WebClient(port).withCookie("GOSPOCHTA_SESSION",
                Base64.getEncoder().encodeToString(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    public static <S extends Session> String session(Account account, SessionRepository<S> repository) {
        S session = repository.createSession();
        CitizenPrincipal principal = new CitizenPrincipal(account.id(), account.givenName() + " " + account.surname());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + CitizenPrincipal.ROLE)));
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(authentication));
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, principal.getName());
        repository.save(session);
        return session.getId();
    }
}
