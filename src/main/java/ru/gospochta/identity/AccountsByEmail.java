package ru.gospochta.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Answered by the module that keeps citizens' e-mail addresses (contacts): which account a
 * confirmed address belongs to, so a confirmed e-mail can sign in (ACC-3). Identity asks through
 * this interface instead of depending on that module.
 */
public interface AccountsByEmail {

    /** The account whose confirmed, not suspended, address this is; empty for anything else. */
    Optional<UUID> accountWithConfirmedEmail(String typed);
}
