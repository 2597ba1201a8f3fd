package ru.gospochta.identity.internal.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * What a citizen types to find their account: a mobile phone or a SNILS, in any usual spelling.
 *
 * @param value the one canonical spelling: E.164 for a phone, the eleven digits of a SNILS
 */
record Identifier(Kind kind, String value) {

    enum Kind { PHONE, SNILS }

    /** «112-233-445 95»: written like this, the digits are a SNILS even if they also read as a phone. */
    private static final Pattern SNILS_LAYOUT = Pattern.compile("\\d{3}-\\d{3}-\\d{3}[ -]\\d{2}");

    /** Longer than any spelling of a phone or SNILS; such input is not parsed at all. */
    static final int MAX_TYPED = 40;

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
        List<Identifier> readings = new ArrayList<>(2);
        phone(text).ifPresent(readings::add);
        snils(text).ifPresent(snils -> readings.add(SNILS_LAYOUT.matcher(text).matches() ? 0 : readings.size(), snils));
        return List.copyOf(readings);
    }

    /** The account this identifier names, whatever its state. */
    Optional<Account> account(Accounts accounts) {
        return kind == Kind.PHONE ? accounts.byPhone(value) : accounts.bySnils(value);
    }

    /** The key under which wrong codes are counted (ACC-7): the identifier, never the account. */
    String throttleSubject() {
        return "recover:" + value;
    }

    /**
     * Where a stand-in code for an unknown identifier is kept and counted. A typed phone is its own
     * target, so the per-phone SMS limits meet an unknown number exactly as they meet a real one.
     */
    String decoyTarget() {
        return kind == Kind.PHONE ? value : "snils:" + value;
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
