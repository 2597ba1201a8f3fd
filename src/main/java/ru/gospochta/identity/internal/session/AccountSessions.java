package ru.gospochta.identity.internal.session;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.CitizenSessions;
import ru.gospochta.identity.internal.account.Accounts;

/** {@link CitizenSessions} over the session store and the password version remembered devices are bound to. */
@Component
class AccountSessions implements CitizenSessions {

    private final Sessions sessions;
    private final Accounts accounts;

    AccountSessions(Sessions sessions, Accounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    @Transactional
    public int endAll(UUID account) {
        accounts.forgetDevices(account);
        return sessions.endAllExcept(CitizenPrincipal.nameOf(account), null);
    }
}
