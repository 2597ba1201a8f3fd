package ru.gospochta.gateway.internal;

import java.time.Instant;
import java.util.UUID;

/** An agency («ведомство») that sends official mail through the gateway. */
public record Agency(UUID id, String name, String shortName, String ogrn, String inn, Instant createdAt,
        Instant updatedAt) {
}
