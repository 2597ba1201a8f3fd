package ru.gospochta.notify.internal.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;
import ru.gospochta.notify.internal.preferences.Preferences;

/**
 * Reads a POST of «Настройки уведомлений» and checks every field against what the page offers, not
 * against what a browser would send: a forged or stale form is refused field by field, and nothing
 * of it is saved. The mandatory row is not read at all — its boxes are disabled, so browsers do not
 * send them, and the settings force it on whatever arrives.
 */
final class SettingsInput {

    /**
     * @param problems field → message key, in the order of the page; empty when the settings are good
     * @param preferences the settings read, or {@code null} when there are problems
     */
    record Reading(SettingsForm form, Map<String, String> problems, @Nullable Preferences preferences) {
    }

    static final String GRID = "grid";
    private static final String ON = "on";

    private SettingsInput() {
    }

    /** @param consentAt the moment to record if the consent box is ticked */
    static Reading read(Map<String, List<String>> params, Set<ZoneId> zones, Instant consentAt) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Category, Set<Channel>> channels = new EnumMap<>(Category.class);
        Map<Category, String> frequencies = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            channels.put(category, EnumSet.of(Channel.CABINET));
        }
        params.forEach((name, values) -> {
            if (name.startsWith(SettingsForm.CHANNEL)) {
                readChannel(name.substring(SettingsForm.CHANNEL.length()), values, channels, problems);
            } else if (name.startsWith(SettingsForm.FREQUENCY)) {
                Optional<Category> category = Category.byCode(name.substring(SettingsForm.FREQUENCY.length()));
                category.ifPresentOrElse(c -> frequencies.put(c, first(values)),
                        () -> problems.putIfAbsent(GRID, "notify.settings.error.category"));
            }
        });
        Map<Category, Preferences.Row> grid = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            String sent = frequencies.get(category);
            if (category.mandatory()) {
                if (sent != null && !sent.equals(Frequency.EACH_EVENT.name())) {
                    problems.put("security", "notify.settings.error.security");
                }
                continue;
            }
            Optional<Frequency> frequency = sent == null ? Optional.empty() : frequency(sent);
            frequency.ifPresentOrElse(f -> grid.put(category, new Preferences.Row(channels.get(category), f)),
                    () -> problems.put(SettingsForm.FREQUENCY + category.code(), "notify.settings.error.frequency"));
        }

        String hour = field(params, "digestHour");
        String day = field(params, "digestDay");
        String monthDay = field(params, "digestMonthDay");
        String format = field(params, "format");
        String quietFrom = field(params, "quietFrom");
        String quietTo = field(params, "quietTo");
        String zone = field(params, "zone");
        String consent = field(params, "promotional");
        String language = field(params, "language");

        Integer digestHour = number(hour, 0, 23);
        if (digestHour == null) {
            problems.put("digestHour", "notify.settings.error.hour");
        }
        DayOfWeek digestDay = Arrays.stream(DayOfWeek.values()).filter(d -> d.name().equals(day)).findFirst().orElse(null);
        if (digestDay == null) {
            problems.put("digestDay", "notify.settings.error.day");
        }
        Integer digestMonthDay = number(monthDay, 1, 28);
        if (digestMonthDay == null) {
            problems.put("digestMonthDay", "notify.settings.error.month-day");
        }
        Preferences.LetterFormat letters = Arrays.stream(Preferences.LetterFormat.values())
                .filter(f -> f.name().equals(format)).findFirst().orElse(null);
        if (letters == null) {
            problems.put("format", "notify.settings.error.format");
        }
        LocalTime from = null;
        LocalTime to = null;
        if (quietFrom.isBlank() != quietTo.isBlank()) {
            problems.put("quiet", "notify.settings.error.quiet-one-end");
        } else if (!quietFrom.isBlank()) {
            from = time(quietFrom);
            to = time(quietTo);
            if (from == null || to == null) {
                problems.put("quiet", "notify.settings.error.quiet-time");
            } else if (from.equals(to)) {
                problems.put("quiet", "notify.settings.error.quiet-same");
            }
        }
        ZoneId timeZone = zones.stream().filter(z -> z.getId().equals(zone)).findFirst().orElse(null);
        if (timeZone == null) {
            problems.put("zone", "notify.settings.error.zone");
        }
        // A form from before the choice existed keeps Russian; anything else sent is refused.
        Preferences.Language letterLanguage = language.isEmpty() ? Preferences.Language.RU : Arrays.stream(Preferences.Language.values())
                .filter(l -> l.name().equals(language)).findFirst().orElse(null);
        if (letterLanguage == null) {
            problems.put("language", "notify.settings.error.language");
        }
        if (!consent.isEmpty() && !consent.equals(ON)) {
            problems.put("promotional", "notify.settings.error.consent");
        }

        SettingsForm form = new SettingsForm(channels, frequencies, hour, day, monthDay, format, quietFrom, quietTo, zone,
                consent.equals(ON), language);
        if (!problems.isEmpty() || digestHour == null || digestDay == null || digestMonthDay == null || letters == null
                || timeZone == null || letterLanguage == null) {
            return new Reading(form, problems, null);
        }
        return new Reading(form, problems, new Preferences(grid, letters, digestHour, digestDay, digestMonthDay, from, to,
                timeZone, form.promotional() ? consentAt : null, letterLanguage));
    }

    /** A ticked box: {@code <category>.<CHANNEL>=on}; the cabinet and the mandatory row are always on, so never read. */
    private static void readChannel(String name, List<String> values, Map<Category, Set<Channel>> channels,
            Map<String, String> problems) {
        int dot = name.lastIndexOf('.');
        Optional<Category> category = dot < 0 ? Optional.empty() : Category.byCode(name.substring(0, dot));
        Optional<Channel> channel = dot < 0 ? Optional.empty()
                : Arrays.stream(Channel.values()).filter(c -> c.name().equals(name.substring(dot + 1))).findFirst();
        if (category.isEmpty()) {
            problems.putIfAbsent(GRID, "notify.settings.error.category");
        } else if (channel.isEmpty() || !ON.equals(first(values))) {
            problems.putIfAbsent(GRID, "notify.settings.error.channel");
        } else if (!category.get().mandatory()) {
            channels.get(category.get()).add(channel.get());
        }
    }

    private static Optional<Frequency> frequency(String sent) {
        return Arrays.stream(Frequency.values()).filter(f -> f.name().equals(sent)).findFirst();
    }

    private static String field(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null ? "" : first(values).strip();
    }

    private static String first(List<String> values) {
        return values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
    }

    private static @Nullable Integer number(String text, int min, int max) {
        if (!text.matches("\\d{1,2}")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value < min || value > max ? null : value;
    }

    /** A time as {@code <input type="time">} sends it: {@code HH:mm}, with seconds when a browser adds them. */
    private static @Nullable LocalTime time(String text) {
        if (!text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            return null;
        }
        try {
            return LocalTime.parse(text).truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
