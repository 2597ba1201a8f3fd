package ru.gospochta.identity;

import java.util.UUID;

/**
 * Shuts every door of an account at once, for modules that learn it may be in a stranger's hands
 * (CNT-4: the old e-mail address reports that the change was not its owner's doing).
 */
public interface CitizenSessions {

    /**
     * Ends every session of the account and forgets its remembered devices, so the next sign-in
     * asks for the password and a second factor again. Returns how many sessions ended.
     */
    int endAll(UUID account);
}
