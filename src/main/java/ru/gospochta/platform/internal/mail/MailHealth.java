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
 * probed at most once a minute so health checks never wait on it.
 */
@Component("mail")
class MailHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "outgoing mail cannot be sent");
    private static final Duration PROBE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MailHealth.class);

    private final MailProperties properties;
    private final JavaMailSenderImpl transport;
    private final ObjectProvider<MailCatcher> catcher;
    private final Clock clock;
    private final AtomicReference<Probe> last = new AtomicReference<>();

    MailHealth(MailProperties properties, JavaMailSenderImpl transport, ObjectProvider<MailCatcher> catcher) {
        this.properties = properties;
        this.transport = transport;
        this.catcher = catcher;
        this.clock = Clock.systemUTC();
    }

    private record Probe(Instant at, @Nullable String problem) {
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
        return health.withDetail("transport", "smtp")
                .withDetail("relay", properties.smtp().host() + ":" + properties.smtp().port())
                .withDetail("checkedAt", probe.at().toString())
                .build();
    }

    private Probe currentProbe() {
        Probe probe = last.get();
        if (probe == null || probe.at().plus(PROBE_INTERVAL).isBefore(clock.instant())) {
            probe = new Probe(clock.instant(), probeRelay());
            last.set(probe);
        }
        return probe;
    }

    @Nullable String probeRelay() {
        try {
            transport.testConnection();
            return null;
        } catch (MessagingException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return "The SMTP relay " + properties.smtp().host() + ":" + properties.smtp().port()
                    + " cannot be reached (" + reason.strip() + "): letters cannot be sent until it answers;"
                    + " check gospochta.mail.smtp.host, port, security and credentials.";
        }
    }

    /** Says it once in the log at start-up, so an operator sees a wrong relay before the first letter fails. */
    @EventListener(ApplicationReadyEvent.class)
    void probeAtStartup() {
        if (catcher.getIfAvailable() == null) {
            Thread.ofVirtual().name("mail-relay-probe").start(() -> {
                String problem = currentProbe().problem();
                if (problem != null) {
                    log.warn(problem);
                }
            });
        }
    }
}
