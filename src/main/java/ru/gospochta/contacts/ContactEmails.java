package ru.gospochta.contacts;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where letters to a citizen may go (CNT-6), for modules that send them: only a confirmed address
 * in force, never a suspended one; and the way back when such a letter bounced hard.
 */
public interface ContactEmails {

    /** The account's confirmed primary address (ASCII form), or empty when none may receive letters now. */
    Optional<String> deliverableEmail(UUID account);

    /** {@link #deliverableEmail} of many accounts in one query; an account without one is absent. */
    Map<UUID, String> deliverableEmails(Collection<UUID> accounts);

    /**
     * The address refused a letter for good (an SMTP 5xx at sending time): delivery to it is
     * suspended at once until the citizen confirms it again. An address the account no longer has
     * is ignored. Reports that arrive later by mail come as the platform's {@code MailBounced}.
     */
    void reportHardBounce(UUID account, String address);
}
