package ru.gospochta.notify.internal.channels;

import java.util.List;

import org.springframework.stereotype.Component;

import ru.gospochta.contacts.ContactEmails;
import ru.gospochta.notify.internal.delivery.Provider;
import ru.gospochta.notify.internal.delivery.ProviderSource;
import ru.gospochta.platform.MailRelays;

/**
 * One e-mail provider per SMTP relay the platform offers, named and ranked as the platform names
 * them ("smtp" first, "smtp-backup" after it when configured), so that a relay that keeps failing
 * is passed over like an SMS operator (NTF-5) and each attempt records which relay it went through.
 */
@Component
class EmailRelays implements ProviderSource {

    private final List<Provider> providers;

    EmailRelays(MailRelays relays, ContactEmails emails) {
        this.providers = relays.inPriorityOrder().stream()
                .<Provider>map(r -> new EmailProvider(r.name(), r.priority(), r.mail(), emails)).toList();
    }

    @Override
    public List<Provider> providers() {
        return providers;
    }
}
