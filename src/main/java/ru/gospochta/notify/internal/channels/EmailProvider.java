package ru.gospochta.notify.internal.channels;

import java.util.Optional;

import org.springframework.stereotype.Component;

import ru.gospochta.contacts.ContactEmails;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.delivery.Dispatch;
import ru.gospochta.notify.internal.delivery.Outcome;
import ru.gospochta.notify.internal.delivery.Provider;
import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.OutgoingMail;

/**
 * E-mail through the portal's SMTP transport, only to a confirmed address in force (CNT-6). A
 * permanent refusal of the address (5xx: no such mailbox) suspends it at once, so the next notices
 * do not knock on a closed door; a permanent refusal for another reason (a policy block) fails the
 * notice only; a temporary one (4xx, no connection) is retried.
 */
@Component
class EmailProvider implements Provider {

    private final OutgoingMail mail;
    private final ContactEmails emails;

    EmailProvider(OutgoingMail mail, ContactEmails emails) {
        this.mail = mail;
        this.emails = emails;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public int priority() {
        return 0;
    }

    /** Who of a batch has no confirmed address in force, in one query. */
    @Override
    public java.util.Map<java.util.UUID, String> unreachable(java.util.Collection<java.util.UUID> accounts) {
        java.util.Map<java.util.UUID, String> addresses = emails.deliverableEmails(accounts);
        java.util.Map<java.util.UUID, String> reasons = new java.util.HashMap<>();
        accounts.stream().filter(a -> !addresses.containsKey(a)).forEach(a -> reasons.put(a, "no-confirmed-address"));
        return reasons;
    }

    /**
     * The address is read again as the letter leaves: a hard bounce earlier in the same batch may
     * have suspended it since the batch was claimed.
     */
    @Override
    public Outcome send(Dispatch d) {
        Optional<String> address = emails.deliverableEmail(d.account());
        if (address.isEmpty()) {
            return Outcome.skipped("no-confirmed-address");
        }
        try {
            mail.send(new Letter(address.get(), d.subject(), d.text(), d.html(), d.headers()).withReference(d.reference()));
            return Outcome.delivered();
        } catch (MailNotSent refused) {
            String code = refused.replyCode() > 0 ? "smtp-" + refused.replyCode() : "smtp-unreachable";
            if (refused.permanent()) {
                if (refused.aboutTheAddress()) {
                    emails.reportHardBounce(d.account(), address.get());
                }
                return Outcome.permanent(code, refused.getMessage());
            }
            return Outcome.temporary(code, refused.getMessage());
        }
    }
}
