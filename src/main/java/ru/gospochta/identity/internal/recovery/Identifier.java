package ru.gospochta.identity.internal.recovery;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.RecoveryByEmail;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * What a citizen types to find their account: the main or backup mobile phone, a SNILS, or a
 * confirmed e-mail address, in any usual spelling.
 *
 * @param value the one canonical spelling: E.164 for a phone, the eleven digits of a SNILS, an
 *     e-mail address in lower case with its domain in ASCII
 */
record Identifier(Kind kind, String value) {

    enum Kind { PHONE, SNILS, EMAIL }

    /** «112-233-445 95»: written like this, the digits are a SNILS even if they also read as a phone. */
    private static final Pattern SNILS_LAYOUT = Pattern.compile("\\d{3}-\\d{3}-\\d{3}[ -]\\d{2}");

    /** Longer than any e-mail address (and so any phone or SNILS); such input is not parsed at all. */
    static final int MAX_TYPED = 254;

    /**
     * Every way the text reads, most likely first; empty when it is neither. Eleven bare digits can
     * be both a phone («89161234567») and a SNILS whose check number happens to fit, so both are
     * kept and the account decides.
     */
    static List<Identifier> readings(String typed) {
        String text = typed.strip();
        if (text.isEmpty() || text.length() > MAX_TYPED) {
            return List.of();
        }
        if (text.indexOf('@') >= 0) {
            return email(text).map(List::of).orElse(List.of());
        }
        List<Identifier> readings = new ArrayList<>(2);
        phone(text).ifPresent(readings::add);
        snils(text).ifPresent(snils -> readings.add(SNILS_LAYOUT.matcher(text).matches() ? 0 : readings.size(), snils));
        return List.copyOf(readings);
    }

    /** The account this identifier names, whatever its state; an e-mail is looked up by its keeper. */
    Optional<Account> account(Accounts accounts, RecoveryByEmail emails) {
        return switch (kind) {
            // A backup phone (CNT-5) recovers like the main one; the main one wins if both are somebody's.
            case PHONE -> accounts.byPhone(value).or(() -> accounts.byBackupPhone(value));
            case SNILS -> accounts.bySnils(value);
            case EMAIL -> emails.accountRecoverableBy(value).flatMap(accounts::byId);
        };
    }

    /**
     * Where the code goes and is checked against: the typed phone (main or backup), the account's
     * main phone for a SNILS, or the typed e-mail address.
     */
    String codeTarget(Account account) {
        return switch (kind) {
            case PHONE -> value;
            case SNILS -> account.phone();
            case EMAIL -> EMAIL_TARGET + value;
        };
    }

    static final String EMAIL_TARGET = "email:";

    /** The key under which wrong codes are counted (ACC-7): the identifier, never the account. */
    String throttleSubject() {
        return "recover:" + value;
    }

    /**
     * Where a stand-in code for an unknown identifier is kept and counted. A typed phone is its own
     * target, so the per-phone SMS limits meet an unknown number exactly as they meet a real one.
     */
    String decoyTarget() {
        return switch (kind) {
            case PHONE -> value;
            case SNILS -> "snils:" + value;
            case EMAIL -> EMAIL_TARGET + value;
        };
    }

    /**
     * An address with one «@» and a dot in the domain, in the spelling its owner's mailbox answers
     * to. The rules of CNT-1 are the contacts module's; an address they refuse is simply found
     * nowhere, which costs a decoy and tells nothing.
     */
    private static Optional<Identifier> email(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at != text.lastIndexOf('@') || text.indexOf('.', at) < 0 || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            String domain = IDN.toASCII(text.substring(at + 1), IDN.ALLOW_UNASSIGNED);
            return Optional.of(new Identifier(Kind.EMAIL, (text.substring(0, at) + "@" + domain).toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
    }

    private static Optional<Identifier> phone(String text) {
        try {
            return Optional.of(new Identifier(Kind.PHONE, PhoneNumber.parse(text).e164()));
        } catch (InvalidValue notAPhone) {
            return Optional.empty();
        }
    }

    private static Optional<Identifier> snils(String text) {
        try {
            return Optional.of(new Identifier(Kind.SNILS, Snils.parse(text).digits()));
        } catch (InvalidValue notASnils) {
            return Optional.empty();
        }
    }
}
