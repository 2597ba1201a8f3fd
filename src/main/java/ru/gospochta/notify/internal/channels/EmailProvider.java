package ru.gospochta.notify.internal.channels;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ru.gospochta.contacts.ContactEmails;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.delivery.Dispatch;
import ru.gospochta.notify.internal.delivery.Outcome;
import ru.gospochta.notify.internal.delivery.Provider;
import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.OutgoingMail;

/**
 * E-mail through one of the platform's SMTP relays, only to a confirmed address in force (CNT-6). A
 * permanent refusal of the address (5xx: no such mailbox) suspends it at once, so the next notices
 * do not knock on a closed door; a permanent refusal for another reason (a policy block) fails the
 * notice only; a temporary one (4xx, no connection) is retried, and counts towards passing this
 * relay over for the next one ({@link EmailRelays}).
 */
class EmailProvider implements Provider {

    private final String name;
    private final int priority;
    private final OutgoingMail mail;
    private final ContactEmails emails;

    EmailProvider(String name, int priority, OutgoingMail mail, ContactEmails emails) {
        this.name = name;
        this.priority = priority;
        this.mail = mail;
        this.emails = emails;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public int priority() {
        return priority;
    }

    /** Who of a batch has no confirmed address in force, in one query. */
    @Override
    public Map<UUID, String> unreachable(java.util.Collection<UUID> accounts) {
        Map<UUID, String> addresses = emails.deliverableEmails(accounts);
        Map<UUID, String> reasons = new java.util.HashMap<>();
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
            mail.send(letter(d, address.get()));
            return Outcome.delivered();
        } catch (MailNotSent refused) {
            return refused(d, address.get(), refused);
        }
    }

    @Override
    public boolean takesBatches() {
        return true;
    }

    /**
     * A batch's letters with one lookup of their addresses and one write of their codes. A second
     * letter to the same citizen waits until the first has been answered and goes alone, its
     * address read again, so that a hard bounce of the first keeps it from a closed door.
     */
    @Override
    public List<Outcome> send(List<Dispatch> batch) {
        Map<UUID, String> addresses = emails.deliverableEmails(batch.stream().map(Dispatch::account).distinct().toList());
        Outcome[] outcomes = new Outcome[batch.size()];
        Set<UUID> included = new HashSet<>();
        List<Integer> together = new ArrayList<>();
        List<Letter> letters = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Dispatch d = batch.get(i);
            String address = addresses.get(d.account());
            if (address == null) {
                outcomes[i] = Outcome.skipped("no-confirmed-address");
            } else if (included.add(d.account())) {
                together.add(i);
                letters.add(letter(d, address));
            }
        }
        List<OutgoingMail.Sent> sent = mail.sendAll(letters);
        for (int n = 0; n < together.size(); n++) {
            int i = together.get(n);
            MailNotSent refusal = sent.get(n).refusal();
            outcomes[i] = refusal == null ? Outcome.delivered() : refused(batch.get(i), letters.get(n).to(), refusal);
        }
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = send(batch.get(i));
            }
        }
        return List.of(outcomes);
    }

    private static Letter letter(Dispatch d, String address) {
        return new Letter(address, d.subject(), d.text(), d.html(), d.headers()).withReference(d.reference());
    }

    private Outcome refused(Dispatch d, String address, MailNotSent refused) {
        String code = refused.replyCode() > 0 ? "smtp-" + refused.replyCode() : "smtp-unreachable";
        if (refused.permanent()) {
            if (refused.aboutTheAddress()) {
                emails.reportHardBounce(d.account(), address);
            }
            return Outcome.permanent(code, refused.getMessage());
        }
        return Outcome.temporary(code, refused.getMessage());
    }
}
