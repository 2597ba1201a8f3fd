package ru.gospochta.notify.internal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * The time zones a citizen picks from, one per zone of Russia from Kaliningrad to Kamchatka, by
 * their IANA names. A short list of cities reads better than the four hundred zones of the world,
 * and the server refuses anything else.
 */
final class TimeZones {

    /** A zone as the select shows it: the bundle names the city, the offset is computed. */
    record Zone(String id, String offset) {
    }

    static final List<ZoneId> RUSSIAN = List.of("Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara",
            "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
            "Asia/Magadan", "Asia/Kamchatka").stream().map(ZoneId::of).toList();

    private TimeZones() {
    }

    /** The zones to offer; a zone saved earlier that is not on the list stays selectable, so saving never loses it. */
    static List<ZoneId> offered(ZoneId current) {
        if (RUSSIAN.contains(current)) {
            return RUSSIAN;
        }
        return Stream.concat(RUSSIAN.stream(), Stream.of(current)).toList();
    }

    static List<Zone> shown(List<ZoneId> zones, Instant now) {
        return zones.stream().map(z -> new Zone(z.getId(), offset(z.getRules().getOffset(now)))).toList();
    }

    private static String offset(ZoneOffset offset) {
        int minutes = offset.getTotalSeconds() / 60;
        String sign = minutes < 0 ? "−" : "+";
        int abs = Math.abs(minutes);
        return "UTC" + sign + abs / 60 + (abs % 60 == 0 ? "" : String.format(":%02d", abs % 60));
    }
}
