package ru.gospochta.notify.internal.preferences;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;

/**
 * What a save changed, as the audit entry lists it: one {@code old → new} pair per setting that
 * differs, so the journal answers «who turned my SMS off, and when» without storing whole settings.
 */
final class Differences {

    private static final String NONE = "—";

    private Differences() {
    }

    static Map<String, String> between(Preferences before, Preferences after) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            Preferences.Row was = before.row(category);
            Preferences.Row is = after.row(category);
            put(changes, category.code() + ".channels", channels(was), channels(is));
            put(changes, category.code() + ".frequency", was.frequency().name(), is.frequency().name());
        }
        put(changes, "format", before.format().name(), after.format().name());
        put(changes, "language", before.language().name(), after.language().name());
        put(changes, "digestHour", String.valueOf(before.digestHour()), String.valueOf(after.digestHour()));
        put(changes, "digestDay", before.digestDay().name(), after.digestDay().name());
        put(changes, "digestMonthDay", String.valueOf(before.digestMonthDay()), String.valueOf(after.digestMonthDay()));
        put(changes, "quietHours", quiet(before.quietFrom(), before.quietTo()), quiet(after.quietFrom(), after.quietTo()));
        put(changes, "zone", before.zone().getId(), after.zone().getId());
        put(changes, "promotionalConsent", consent(before), consent(after));
        return changes;
    }

    private static void put(Map<String, String> changes, String key, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.put(key, before + " → " + after);
        }
    }

    /** The chosen channels; the cabinet is always on, so it would only add noise. */
    private static String channels(Preferences.Row row) {
        String chosen = row.channels().stream().filter(c -> c != Channel.CABINET).sorted().map(Channel::name)
                .collect(Collectors.joining(","));
        return chosen.isEmpty() ? NONE : chosen;
    }

    private static String quiet(@Nullable LocalTime from, @Nullable LocalTime to) {
        return from == null || to == null ? NONE : from + "–" + to;
    }

    private static String consent(Preferences p) {
        return p.promotionalConsentAt() == null ? "withdrawn" : "given";
    }
}
