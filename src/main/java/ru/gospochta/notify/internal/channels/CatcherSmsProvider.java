package ru.gospochta.notify.internal.channels;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.CitizenSms;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.delivery.Dispatch;
import ru.gospochta.notify.internal.delivery.Outcome;
import ru.gospochta.notify.internal.delivery.Provider;
import ru.gospochta.platform.OutgoingSms;

/**
 * SMS through the platform's port — the catcher in the default run (page {@code /admin/sms}).
 * Last in priority, so a configured operator takes the traffic while it works.
 */
@Component
@ConditionalOnProperty(name = "gospochta.notify.sms-catcher", havingValue = "true", matchIfMissing = true)
class CatcherSmsProvider implements Provider {

    private final OutgoingSms sms;
    private final CitizenSms phones;

    CatcherSmsProvider(OutgoingSms sms, CitizenSms phones) {
        this.sms = sms;
        this.phones = phones;
    }

    @Override
    public String name() {
        return "sms-catcher";
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Outcome send(Dispatch d) {
        return phones.phone(d.account()).map(phone -> {
            try {
                sms.send(phone, d.shortText());
                return Outcome.delivered();
            } catch (IllegalArgumentException refused) {
                return Outcome.permanent("sms-refused", refused.getMessage());
            }
        }).orElseGet(() -> Outcome.skipped("no-account"));
    }
}
