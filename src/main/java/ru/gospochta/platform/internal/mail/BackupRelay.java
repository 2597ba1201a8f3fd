package ru.gospochta.platform.internal.mail;

import org.jspecify.annotations.Nullable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.OutgoingMail;

/**
 * The backup relay's port with what it is made of, or nothing when no backup is configured. A
 * bean of its own so that its connections are closed at shutdown like the primary's, without a
 * second {@link OutgoingMail} or {@link JavaMailSenderImpl} bean that would make the primary's
 * ambiguous to everyone injecting it.
 */
final class BackupRelay implements AutoCloseable {

    private final MailProperties.@Nullable Smtp settings;
    private final @Nullable JavaMailSenderImpl transport;
    private final @Nullable SmtpConnections connections;
    private final @Nullable OutgoingMail mail;

    BackupRelay(MailProperties.@Nullable Smtp settings, @Nullable JavaMailSenderImpl transport,
            @Nullable SmtpConnections connections, @Nullable OutgoingMail mail) {
        this.settings = settings;
        this.transport = transport;
        this.connections = connections;
        this.mail = mail;
    }

    static BackupRelay none() {
        return new BackupRelay(null, null, null, null);
    }

    /** The backup's port, or null when there is no backup. */
    @Nullable OutgoingMail mail() {
        return mail;
    }

    /** The backup's Jakarta Mail settings, for the health probe; null when there is no backup. */
    @Nullable JavaMailSenderImpl transport() {
        return transport;
    }

    MailProperties.@Nullable Smtp settings() {
        return settings;
    }

    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
