package ru.gospochta.contacts.internal.email;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.InvalidEmailAddress;
import ru.gospochta.identity.AccountsByEmail;
import ru.gospochta.identity.SignedInFromNewDevice;

/**
 * A confirmed e-mail as a way in (ACC-3: it signs in like the phone) and as a channel of the
 * sign-in notices (ACC-6: a letter on each sign-in from a new device, besides the SMS).
 */
@Component
class ConfirmedEmails implements AccountsByEmail {

    private final EmailAddresses addresses;
    private final ContactLetters letters;

    ConfirmedEmails(EmailAddresses addresses, ContactLetters letters) {
        this.addresses = addresses;
        this.letters = letters;
    }

    @Override
    public Optional<UUID> accountWithConfirmedEmail(String typed) {
        try {
            return addresses.confirmedOwner(EmailAddress.parse(typed).ascii());
        } catch (InvalidEmailAddress notAnAddress) {
            return Optional.empty();
        }
    }

    @ApplicationModuleListener
    void on(SignedInFromNewDevice signIn) {
        addresses.inForce(signIn.account())
                .filter(address -> address.status() == EmailAddresses.Status.CONFIRMED)
                .ifPresent(address -> letters.send(address.address(), "sign-in-alert", signIn.locale(),
                        Map.of("device", signIn.device(), "sourceIp", signIn.sourceIp())));
    }
}
