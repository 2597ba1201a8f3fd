package ru.gospochta.contacts.internal.email;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.EmailDeliverySuspended;
import ru.gospochta.identity.CabinetNotices;
import ru.gospochta.identity.CitizenSms;

/**
 * Tells the citizen that letters to their address are paused (CNT-6): one SMS when it happens,
 * and a banner on the cabinet home for as long as it lasts.
 */
@Component
class SuspensionNotices implements CabinetNotices {

    /** Accounts keep no language; SMS go out in the portal's default one. */
    private static final Locale SMS_LANGUAGE = Locale.of("ru");

    private final EmailAddresses addresses;
    private final CitizenSms sms;
    private final MessageSource messages;

    SuspensionNotices(EmailAddresses addresses, CitizenSms sms, MessageSource messages) {
        this.addresses = addresses;
        this.sms = sms;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(EmailDeliverySuspended suspended) {
        String reason = messages.getMessage(reasonKey(suspended.reason().name()), null, SMS_LANGUAGE);
        // An account deleted since has nobody left to tell.
        sms.send(suspended.account(), messages.getMessage("contacts.sms.suspended",
                new Object[] {suspended.address(), reason}, SMS_LANGUAGE));
    }

    @Override
    public List<CabinetNotice> noticesFor(UUID account, Locale locale) {
        return addresses.inForce(account).filter(a -> a.status() == EmailAddresses.Status.SUSPENDED)
                .map(a -> new CabinetNotice(messages.getMessage("contacts.notice.suspended",
                        new Object[] {new EmailAddress(a.address()).unicode(), reasonText(a.suspendedReason(), locale)}, locale),
                        "/cabinet/contacts", messages.getMessage("contacts.notice.link", null, locale)))
                .stream().toList();
    }

    static String reasonKey(String reason) {
        return "contacts.suspended.reason." + reason;
    }

    private String reasonText(@org.jspecify.annotations.Nullable String reason, Locale locale) {
        return messages.getMessage(reasonKey(reason == null ? "OTHER" : reason), null, locale);
    }
}
