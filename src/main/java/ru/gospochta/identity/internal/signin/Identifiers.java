package ru.gospochta.identity.internal.signin;

import java.util.Locale;
import java.util.Optional;

import ru.gospochta.identity.AccountsByEmail;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/** What a citizen may type to sign in: a phone or a SNILS in any usual spelling, or a confirmed e-mail. */
final class Identifiers {

    private Identifiers() {
    }

    static Optional<Account> find(String typed, Accounts accounts, Optional<AccountsByEmail> byEmail) {
        String canonical = canonical(typed);
        if (canonical.startsWith("email:")) {
            return byEmail.flatMap(lookup -> lookup.accountWithConfirmedEmail(canonical.substring(6))).flatMap(accounts::byId);
        }
        if (canonical.startsWith("phone:")) {
            return accounts.byPhone(canonical.substring(6));
        }
        if (canonical.startsWith("snils:")) {
            return accounts.bySnils(canonical.substring(6));
        }
        return Optional.empty();
    }

    /** One spelling per identifier, so waits count against the person and not the way they typed it. */
    static String canonical(String typed) {
        if (typed.contains("@")) {
            String address = typed.strip().toLowerCase(Locale.ROOT);
            return "email:" + (address.length() > 254 ? address.substring(0, 254) : address);
        }
        String digits = typed.replaceAll("[\\s\\-()]", "");
        if (digits.matches("\\d{11}") && !digits.startsWith("7") && !digits.startsWith("8")) {
            return snils(typed);
        }
        try {
            return "phone:" + PhoneNumber.parse(typed).e164();
        } catch (InvalidValue notAPhone) {
            return snils(typed);
        }
    }

    private static String snils(String typed) {
        try {
            return "snils:" + Snils.parse(typed).digits();
        } catch (InvalidValue neither) {
            String cleaned = typed.strip().toLowerCase(Locale.ROOT);
            return "other:" + (cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned);
        }
    }
}
