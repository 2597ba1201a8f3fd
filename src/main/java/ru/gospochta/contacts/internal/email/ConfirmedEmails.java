package ru.gospochta.contacts.internal.email;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.InvalidEmailAddress;
import ru.gospochta.contacts.internal.email.EmailAddresses.Kind;
import ru.gospochta.identity.AccountsByEmail;
import ru.gospochta.identity.RecoveryByEmail;
import ru.gospochta.platform.MailNotSent;

/**
 * A confirmed e-mail as a way in (ACC-3: the main address signs in like the phone), as a way to
 * recover the password (ACC-5: the main or the backup address receives the code), and as a channel
 * of the sign-in notices (ACC-6: a letter on each sign-in from a new device, besides the SMS).
 */
@Component
class ConfirmedEmails implements AccountsByEmail, RecoveryByEmail {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedEmails.class);

    private final EmailAddresses addresses;
    private final ContactLetters letters;

    ConfirmedEmails(EmailAddresses addresses, ContactLetters letters) {
        this.addresses = addresses;
        this.letters = letters;
    }

    @Override
    public Optional<UUID> accountWithConfirmedEmail(String typed) {
        try {
            return addresses.confirmedOwner(EmailAddress.parse(typed).ascii(), Kind.PRIMARY);
        } catch (InvalidEmailAddress notAnAddress) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<UUID> accountRecoverableBy(String typed) {
        try {
            return addresses.confirmedOwner(EmailAddress.parse(typed).ascii(), Kind.PRIMARY, Kind.BACKUP);
        } catch (InvalidEmailAddress notAnAddress) {
            return Optional.empty();
        }
    }

    /**
     * A letter that did not go is not told to the visitor: an unknown address never fails, so a
     * failure would say the address is known. The citizen asks again; the log and a bounce say why.
     */
    @Override
    public void sendRecoveryCode(String typed, String code, Locale locale) {
        try {
            letters.send(EmailAddress.parse(typed).ascii(), "recovery-code", locale, Map.of("code", code));
        } catch (MailNotSent notSent) {
            log.warn("A recovery code letter was not sent: {}", notSent.getMessage());
        }
    }
}
