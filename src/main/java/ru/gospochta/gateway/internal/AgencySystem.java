package ru.gospochta.gateway.internal;

import java.time.Instant;
import java.util.UUID;

/** An information system of an agency; credentials are issued to a system, not to the agency as a whole. */
public record AgencySystem(UUID id, UUID agencyId, String name, Instant createdAt) {

    public static final int MIN_NAME = 2;
    public static final int MAX_NAME = 200;

    /**
     * The name as it will be stored.
     *
     * @throws RegistryRefused when it is too short or too long
     */
    public static String checkedName(String typed) {
        String name = Names.tidy(typed);
        if (!Names.fits(name, MIN_NAME, MAX_NAME)) {
            throw RegistryRefused.of("systemName", "gateway.system.name.length");
        }
        return name;
    }
}
