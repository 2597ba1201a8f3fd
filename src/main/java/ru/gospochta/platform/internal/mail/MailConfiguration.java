package ru.gospochta.platform.internal.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.MailRelays;
import ru.gospochta.platform.OutgoingMail;

/**
 * Wires the mail port to the catcher (default) or to the configured SMTP relay, and the backup
 * relay when one is configured. The
 * {@link JavaMailSenderImpl} of either holds the Jakarta Mail settings and the address to connect to; letters
 * go out through the pooled connections made from it.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    /**
     * Jakarta Mail 2.1 finds its stream provider anew for every header it encodes and every part it
     * writes or parses, through the {@code ServiceLoader} and so a read of the class path each time
     * (jakartaee/mail-api#861) — a sixth of a notification letter's CPU. Named by its system
     * property, the provider is made without the search. An operator's own setting wins.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    @Bean
    OutgoingMail outgoingMail(JavaMailSenderImpl transport, SmtpConnections connections,
            ObjectProvider<DkimSigner> signer, MailProperties properties, ObjectProvider<LetterStamp> stamp) {
        // The stamp needs the database; the mail wiring tested alone runs without one.
        return new SmtpOutgoingMail(transport.getSession(), connections, signer.getIfAvailable(), properties,
                stamp.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    SmtpConnections smtpConnections(JavaMailSenderImpl transport, MailProperties properties) {
        return connections(transport, properties.smtp());
    }

    /**
     * The backup relay, built like the primary from its own settings but sharing the primary's
     * signer and stamp, so a letter is the same whichever relay carries it. Not an
     * {@link OutgoingMail} bean: every module keeps sending through the primary alone, and only
     * {@link MailRelays} offers the backup to those that fail over themselves.
     */
    @Bean(destroyMethod = "close")
    BackupRelay backupRelay(MailProperties properties, ObjectProvider<DkimSigner> signer, ObjectProvider<LetterStamp> stamp) {
        if (!properties.hasBackupRelay() || properties.mode() != MailProperties.Mode.SMTP) {
            return BackupRelay.none();
        }
        MailProperties.Smtp backup = properties.backupSmtp();
        JavaMailSenderImpl transport = relaySender(backup, properties);
        SmtpConnections connections = connections(transport, backup);
        log.info("Mail: e-mail notifications fail over to the backup relay {} when {} keeps failing",
                backup.address(), properties.smtp().address());
        return new BackupRelay(backup, transport, connections, new SmtpOutgoingMail(transport.getSession(), connections,
                signer.getIfAvailable(), properties, stamp.getIfAvailable()));
    }

    @Bean
    MailRelays mailRelays(OutgoingMail primary, BackupRelay backup) {
        List<MailRelays.Relay> relays = new ArrayList<>();
        // The primary bean itself, so whatever wraps the port wraps the first relay too.
        relays.add(new MailRelays.Relay(MailRelays.PRIMARY, 0, primary));
        OutgoingMail second = backup.mail();
        if (second != null) {
            relays.add(new MailRelays.Relay(MailRelays.BACKUP, 1, second));
        }
        return new MailRelays(relays);
    }

    static SmtpConnections connections(JavaMailSenderImpl transport, MailProperties.Smtp smtp) {
        return new SmtpConnections(() -> {
            String protocol = transport.getProtocol();
            Transport connection = transport.getSession().getTransport(protocol == null ? "smtp" : protocol);
            connection.connect(transport.getHost(), transport.getPort(), transport.getUsername(), transport.getPassword());
            return connection;
        }, smtp.poolSize(), smtp.lettersPerConnection(), smtp.idleTimeout(), smtp.timeout());
    }

    @Bean
    @ConditionalOnProperty(name = "gospochta.mail.dkim.enabled", havingValue = "true", matchIfMissing = true)
    DkimSigner dkimSigner(MailProperties properties, DataDirectory dataDirectory) {
        List<DkimKey> keys = DkimKey.load(properties, dataDirectory);
        for (DkimKey key : keys) {
            log.info("DKIM: letters are signed {} for d={} with selector s={}; publish the public key in DNS: {}",
                    key.algorithm().tag(), key.domain(), key.selector(), key.zoneFileLine());
        }
        return new DkimSigner(keys, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "catcher", matchIfMissing = true)
    MailCatcher mailCatcher(MailProperties properties) {
        return MailCatcher.start(properties.catcher());
    }

    @Bean
    @ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "catcher", matchIfMissing = true)
    JavaMailSenderImpl catcherTransport(MailCatcher catcher, MailProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(catcher.host());
        sender.setPort(catcher.smtpPort());
        sender.setDefaultEncoding("UTF-8");
        String timeout = Long.toString(properties.smtp().timeout().toMillis());
        sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", timeout);
        sender.getJavaMailProperties().setProperty("mail.smtp.timeout", timeout);
        returnPath(sender.getJavaMailProperties(), properties);
        return sender;
    }

    @Bean
    @ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "smtp")
    JavaMailSenderImpl relayTransport(MailProperties properties) {
        return relaySender(properties.smtp(), properties);
    }

    /** The Jakarta Mail settings and address of one relay, the primary or the backup. */
    static JavaMailSenderImpl relaySender(MailProperties.Smtp smtp, MailProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setUsername(smtp.username());
        sender.setPassword(smtp.password());
        sender.setDefaultEncoding("UTF-8");
        Properties props = sender.getJavaMailProperties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        props.setProperty("mail.smtp.connectiontimeout", timeout);
        props.setProperty("mail.smtp.timeout", timeout);
        props.setProperty("mail.smtp.writetimeout", timeout);
        props.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        switch (smtp.security()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                sender.setProtocol("smtps");
                props.setProperty("mail.smtps.auth", Boolean.toString(smtp.username() != null));
                props.setProperty("mail.smtps.connectiontimeout", timeout);
                props.setProperty("mail.smtps.timeout", timeout);
                props.setProperty("mail.smtps.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        returnPath(props, properties);
        return sender;
    }

    /**
     * MAIL FROM of every letter, which receivers write down as its Return-Path and send their
     * delivery reports and complaints to (NTF-5): the bounce mailbox, not the visible sender, so
     * the reports land where {@code BounceReports} reads them. Jakarta Mail takes it from the
     * session for letters that do not name their own envelope sender, as none of ours does.
     */
    private static void returnPath(Properties props, MailProperties properties) {
        props.setProperty("mail.smtp.from", properties.bounceAddress());
        props.setProperty("mail.smtps.from", properties.bounceAddress());
    }
}
