package ru.gospochta.platform.internal.bounces;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.platform.MailBounced;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.internal.mail.LetterCodes;
import ru.gospochta.platform.internal.mail.MailCatcher;

/**
 * Reads the bounce mailbox every {@code gospochta.mail.bounces.poll-interval} (NTF-5): each
 * delivery failure or complaint it reports is published as {@link MailBounced}, in a transaction,
 * so the event publication registry keeps it until the listeners are done. Every message read is
 * then deleted, a report or not, so none is read twice and nothing stays to be retried forever;
 * one read twice all the same (a stop between the two steps, two nodes on one mailbox) changes
 * nothing, as a suspended address is not suspended again. Only when the publication fails does
 * the message stay for the next poll.
 */
@Component
public class BounceReports {

    private static final Logger log = LoggerFactory.getLogger(BounceReports.class);

    /** Messages taken in one poll; a flood is worked off over the next ones. */
    private static final int BATCH = 200;

    private final MailProperties properties;
    private final ObjectProvider<MailCatcher> catcher;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ReentrantLock polling = new ReentrantLock();
    private final LetterCodes letters;

    BounceReports(MailProperties properties, ObjectProvider<MailCatcher> catcher, ApplicationEventPublisher events,
            TransactionTemplate transactions, LetterCodes letters) {
        this.letters = letters;
        this.properties = properties;
        this.catcher = catcher;
        this.events = events;
        this.transactions = transactions;
        MailProperties.Bounces bounces = properties.bounces();
        if (bounces.enabled() && properties.mode() == MailProperties.Mode.SMTP && !bounces.hasServer()) {
            log.warn("Bounces and complaints to {} are not read: set gospochta.mail.bounces.host (and .username, "
                    + ".password) to the IMAP server of that mailbox, or gospochta.mail.bounces.enabled=false",
                    properties.bounceAddress());
        }
    }

    @Scheduled(fixedDelayString = "${gospochta.mail.bounces.poll-interval:1m}",
            initialDelayString = "${gospochta.mail.bounces.poll-interval:1m}")
    void scheduled() {
        poll();
    }

    /**
     * Reads the mailbox once; a poll already running in this process is waited for.
     *
     * @return how many messages were taken out of the mailbox
     */
    public int poll() {
        Mailbox mailbox = mailbox();
        if (mailbox == null) {
            return 0;
        }
        polling.lock();
        try {
            return read(mailbox);
        } catch (MessagingException | RuntimeException e) {
            log.warn("The bounce mailbox {} on {}:{} could not be read: {}", mailbox.user(), mailbox.host(), mailbox.port(),
                    e.toString());
            return 0;
        } finally {
            polling.unlock();
        }
    }

    /** Where to read: the catcher's own mailbox of the bounce address, or the configured IMAP server. */
    private @Nullable Mailbox mailbox() {
        MailProperties.Bounces bounces = properties.bounces();
        if (!bounces.enabled()) {
            return null;
        }
        Properties session = new Properties();
        String timeout = Long.toString(bounces.timeout().toMillis());
        MailCatcher local = catcher.getIfAvailable();
        if (local != null) {
            session.setProperty("mail.imap.connectiontimeout", timeout);
            session.setProperty("mail.imap.timeout", timeout);
            // The catcher takes any password for any address.
            return new Mailbox("imap", local.host(), local.imapPort(), properties.bounceAddress(), "catcher", session);
        }
        if (!bounces.hasServer()) {
            return null;
        }
        String protocol = bounces.security() == MailProperties.Security.TLS ? "imaps" : "imap";
        session.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        session.setProperty("mail." + protocol + ".timeout", timeout);
        session.setProperty("mail." + protocol + ".writetimeout", timeout);
        session.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        if (bounces.security() == MailProperties.Security.STARTTLS) {
            session.setProperty("mail.imap.starttls.enable", "true");
            session.setProperty("mail.imap.starttls.required", "true");
        }
        String user = bounces.username() == null || bounces.username().isBlank() ? properties.bounceAddress() : bounces.username();
        return new Mailbox(protocol, bounces.host(), bounces.port(), user, bounces.password(), session);
    }

    private int read(Mailbox mailbox) throws MessagingException {
        Store store = Session.getInstance(mailbox.session()).getStore(mailbox.protocol());
        store.connect(mailbox.host(), mailbox.port(), mailbox.user(), mailbox.password());
        try {
            Folder folder = store.getFolder(properties.bounces().folder());
            folder.open(Folder.READ_WRITE);
            int taken = 0;
            try {
                int count = folder.getMessageCount();
                if (count <= 0) {
                    return 0;
                }
                Message[] messages = folder.getMessages(1, Math.min(count, BATCH));
                FetchProfile sizes = new FetchProfile();
                sizes.add(FetchProfile.Item.FLAGS);
                sizes.add(FetchProfile.Item.SIZE);
                folder.fetch(messages, sizes);
                for (Message message : messages) {
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    if (!take(message)) {
                        break;
                    }
                    message.setFlag(Flags.Flag.DELETED, true);
                    taken++;
                }
            } finally {
                folder.close(true);
            }
            return taken;
        } finally {
            store.close();
        }
    }

    /** @return whether the message is done with: read and published, or not a report at all */
    private boolean take(Message message) {
        long limit = properties.bounces().maxSize().toBytes();
        List<MailBounced> reported;
        try {
            if (message.getSize() > limit) {
                log.info("A message of {} bytes in the bounce mailbox is over the {} bytes a report may have; deleted unread",
                        message.getSize(), limit);
                return true;
            }
            // One fetch of the whole message; the parts are then read from memory.
            reported = DeliveryReports.read(new MimeMessage((MimeMessage) message));
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            log.debug("A message in the bounce mailbox could not be read as a report; deleted", unreadable);
            return true;
        }
        if (reported.isEmpty()) {
            log.debug("A message in the bounce mailbox reports no failure or complaint; deleted");
            return true;
        }
        // Anyone can write to the bounce address: only a report that returns one of our letters, sent
        // to the very address it names, may suspend that address.
        List<MailBounced> ours = reported.stream()
                .filter(r -> r.messageId() != null && letters.sentTo(r.messageId(), r.address())).toList();
        if (ours.size() < reported.size()) {
            log.info("{} of {} reports in a message of the bounce mailbox do not return a letter the portal sent to that "
                    + "address (no Message-ID, or not ours); ignored", reported.size() - ours.size(), reported.size());
        }
        if (ours.isEmpty()) {
            return true;
        }
        try {
            transactions.executeWithoutResult(status -> ours.forEach(events::publishEvent));
        } catch (RuntimeException e) {
            log.warn("A report from the bounce mailbox could not be recorded; it stays there for the next poll", e);
            return false;
        }
        for (MailBounced bounced : ours) {
            log.info("Mail report: {} for {} ({})", bounced.kind(), masked(bounced.address()), bounced.messageId());
        }
        return true;
    }

    /** Logs never carry a whole address. */
    private static String masked(String address) {
        int at = address.lastIndexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    private record Mailbox(String protocol, String host, int port, String user, @Nullable String password,
            Properties session) {
    }
}
