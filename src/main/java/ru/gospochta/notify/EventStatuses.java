package ru.gospochta.notify;

import java.util.Optional;
import java.util.UUID;

/**
 * Where an agency system's events stand on each channel (GW-3, NTF-5), for the system that raised
 * them and nobody else.
 */
public interface EventStatuses {

    /** The event if this system raised it; another system's event is as absent as a missing one. */
    Optional<EventStatus> of(UUID eventId, UUID systemId);
}
