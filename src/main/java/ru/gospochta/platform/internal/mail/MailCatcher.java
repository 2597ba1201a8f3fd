package ru.gospochta.platform.internal.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gospochta.platform.MailProperties;

/**
 * The local mail server of the default run: takes every outgoing letter over SMTP and serves
 * it back over IMAP (log in as the recipient's address, any password), so whoever runs
 * Gospochta can read what it sent with any mail client.
 */
public final class MailCatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

    private final GreenMail server;

    private MailCatcher(GreenMail server) {
        this.server = server;
    }

    static MailCatcher start(MailProperties.Catcher config) {
        ServerSetup smtp = new ServerSetup(config.smtpPort(), config.host(), ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(config.imapPort(), config.host(), ServerSetup.PROTOCOL_IMAP);
        if (config.smtpPort() == 0) {
            smtp = smtp.dynamicPort();
        }
        if (config.imapPort() == 0) {
            imap = imap.dynamicPort();
        }
        GreenMail server = new GreenMail(new ServerSetup[] {smtp, imap});
        server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        MailCatcher catcher = new MailCatcher(server);
        log.info("Mail catcher: SMTP on {}:{}, IMAP on {}:{} (user = recipient address, any password)",
                config.host(), catcher.smtpPort(), config.host(), catcher.imapPort());
        return catcher;
    }

    public int smtpPort() {
        return server.getSmtp().getPort();
    }

    public int imapPort() {
        return server.getImap().getPort();
    }

    public String host() {
        return server.getSmtp().getBindTo();
    }

    /** Every caught letter, oldest first; the position is the letter's number on the admin page. */
    public List<MimeMessage> letters() {
        return Arrays.asList(server.getReceivedMessages());
    }

    public Optional<MimeMessage> letter(int number) {
        MimeMessage[] all = server.getReceivedMessages();
        return number >= 1 && number <= all.length ? Optional.of(all[number - 1]) : Optional.empty();
    }

    /** Forgets every caught letter: the catcher keeps them all in memory for as long as it runs. */
    public void purge() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException("the catcher's mailboxes could not be emptied", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
