package ru.gospochta.identity;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Finds the accounts that messages are addressed to (GW-2: a recipient by SNILS, INN or account
 * id), many at once, for modules that deliver to citizens. Only an account that can sign in
 * receives mail; anything else is answered with the reason the sender is told.
 */
public interface Recipients {

    enum By { SNILS, INN, ACCOUNT_ID }

    /**
     * How a sender names a citizen.
     *
     * @param value the canonical spelling: 11 digits of a SNILS, 12 of a personal INN, a UUID
     */
    record Key(By by, String value) {
    }

    /** Why nobody receives a message sent to a key. */
    enum Refusal {
        /** No account has this SNILS, INN or id. */
        NO_SUCH_CITIZEN,
        /** The account exists but its registration was never finished (the phone not confirmed). */
        ACCOUNT_NOT_ACTIVE,
        /** Several accounts carry this INN, so the message cannot say whose it is. */
        AMBIGUOUS
    }

    /** The account a key names, or why there is none; exactly one of the two is set. */
    record Resolution(@Nullable UUID account, @Nullable Refusal refusal) {

        public static Resolution of(UUID account) {
            return new Resolution(account, null);
        }

        public static Resolution refused(Refusal refusal) {
            return new Resolution(null, refusal);
        }
    }

    /** Every key with its resolution; keys that are not well-formed resolve to NO_SUCH_CITIZEN. */
    Map<Key, Resolution> resolve(Collection<Key> keys);
}
