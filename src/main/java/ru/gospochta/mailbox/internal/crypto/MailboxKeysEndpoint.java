package ru.gospochta.mailbox.internal.crypto;

import java.security.Principal;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/mailboxkeys} for administrators (the actuator answers no one else): GET shows
 * the current master key version and how many data keys each version wraps; POST rotates.
 */
@Component
@Endpoint(id = "mailboxkeys")
class MailboxKeysEndpoint {

    private final KeyRotation rotation;

    MailboxKeysEndpoint(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @ReadOperation
    public KeyRotation.Status status() {
        return rotation.status();
    }

    @WriteOperation
    public KeyRotation.Rotation rotate(SecurityContext security) {
        Principal who = security.getPrincipal();
        return rotation.rotate("staff:" + (who == null ? "(unknown)" : who.getName()));
    }
}
