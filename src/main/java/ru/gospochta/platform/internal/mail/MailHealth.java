package ru.gospochta.platform.internal.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import ru.gospochta.platform.MailProperties;

/**
 * Health of the outgoing mail transport. An unreachable relay does not stop the server (the
 * cabinet still works) but makes health DEGRADED with one sentence on what to fix. The relay is
 * probed at most once a minute so health checks never wait on it. A backup relay that does not
 * answer is named in the details but leaves health UP while the primary works: letters still go.
 */
@Component("mail")
class MailHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "outgoing mail cannot be sent");
    private static final Duration PROBE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MailHealth.class);

    private final MailProperties properties;
    private final JavaMailSenderImpl transport;
    private final ObjectProvider<MailCatcher> catcher;
    private final BackupRelay backup;
    private final Clock clock;
    private final AtomicReference<Probe> last = new AtomicReference<>();

    MailHealth(MailProperties properties, JavaMailSenderImpl transport, ObjectProvider<MailCatcher> catcher, BackupRelay backup) {
        this.properties = properties;
        this.backup = backup;
        this.transport = transport;
        this.catcher = catcher;
        this.clock = Clock.systemUTC();
    }

    private record Probe(Instant at, @Nullable String problem, @Nullable String backupProblem) {
    }

    @Override
    public Health health() {
        MailCatcher local = catcher.getIfAvailable();
        if (local != null) {
            return Health.up().withDetail("transport", "catcher")
                    .withDetail("smtpPort", local.smtpPort()).withDetail("imapPort", local.imapPort()).build();
        }
        Probe probe = currentProbe();
        Health.Builder health = probe.problem() == null ? Health.up() : Health.status(DEGRADED).withDetail("problem", probe.problem());
        health.withDetail("transport", "smtp").withDetail("relay", properties.smtp().address());
        MailProperties.Smtp second = backup.settings();
        if (second != null) {
            health.withDetail("backupRelay", second.address());
            if (probe.backupProblem() != null) {
                health.withDetail("backupProblem", probe.backupProblem());
            }
        }
        return health.withDetail("checkedAt", probe.at().toString()).build();
    }

    private Probe currentProbe() {
        Probe probe = last.get();
        if (probe == null || probe.at().plus(PROBE_INTERVAL).isBefore(clock.instant())) {
            probe = new Probe(clock.instant(), probeRelay(), probeBackup());
            last.set(probe);
        }
        return probe;
    }

    @Nullable String probeRelay() {
        try {
            transport.testConnection();
            return null;
        } catch (MessagingException e) {
            // With a backup relay notifications still leave; codes and staff letters go through this one only.
            String consequence = backup.transport() == null ? "letters cannot be sent until it answers"
                    : "only notifications leave (through the backup relay) until it answers";
            return "The SMTP relay " + properties.smtp().address() + " cannot be reached (" + reason(e) + "): " + consequence
                    + "; check gospochta.mail.smtp.host, port, security and credentials.";
        }
    }

    private @Nullable String probeBackup() {
        JavaMailSenderImpl second = backup.transport();
        MailProperties.Smtp settings = backup.settings();
        if (second == null || settings == null) {
            return null;
        }
        try {
            second.testConnection();
            return null;
        } catch (MessagingException e) {
            return "The backup SMTP relay " + settings.address() + " cannot be reached (" + reason(e)
                    + "): notifications cannot fail over to it; check gospochta.mail.backup-smtp.host, port, security and credentials.";
        }
    }

    private static String reason(MessagingException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return reason.strip();
    }

    /** Says it once in the log at start-up, so an operator sees a wrong relay before the first letter fails. */
    @EventListener(ApplicationReadyEvent.class)
    void probeAtStartup() {
        if (catcher.getIfAvailable() == null) {
            Thread.ofVirtual().name("mail-relay-probe").start(() -> {
                Probe probe = currentProbe();
                if (probe.problem() != null) {
                    log.warn(probe.problem());
                }
                if (probe.backupProblem() != null) {
                    log.warn(probe.backupProblem());
                }
            });
        }
    }
}
