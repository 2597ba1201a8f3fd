package ru.gospochta.notify.internal.intake;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.SignedInFromNewDevice;
import ru.gospochta.notify.NewEvent;
import ru.gospochta.notify.Notifications;

/**
 * The portal's own security events raised like an agency's (NTF-1): a sign-in from a new device
 * becomes a cabinet message and a letter (and push) by the notification pipeline. The SMS is sent
 * by identity at the moment of sign-in, so the catalogue leaves SMS out of this type.
 */
@Component
class SecurityEvents {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final ZoneId PORTAL_ZONE = ZoneId.of("Europe/Moscow");

    private final Notifications notifications;
    private final Clock clock;

    SecurityEvents(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SignedInFromNewDevice signIn) {
        notifications.raise(new NewEvent(UUID.randomUUID(), signIn.account(), "sign-in-alert", Map.of(
                "device", signIn.device(), "sourceIp", signIn.sourceIp(), "time", SHOWN.format(clock.instant().atZone(PORTAL_ZONE))),
                "identity", null, null));
    }
}
