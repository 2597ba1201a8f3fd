package ru.gospochta.notify.internal.web;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.preferences.Preferences;

/**
 * The form of «Настройки уведомлений» as the page shows it. Values are kept as sent, strings where
 * a citizen could send anything, so a refused form comes back exactly as it was filled in.
 *
 * <p>Field names: {@code channel.<category>.<CHANNEL>=on} for each ticked box (one name per box,
 * so a form without JavaScript needs nothing special), {@code frequency.<category>}, then
 * {@code digestHour}, {@code digestDay}, {@code digestMonthDay}, {@code format}, {@code quietFrom},
 * {@code quietTo}, {@code zone}, {@code promotional=on} and {@code language}.
 */
record SettingsForm(Map<Category, Set<Channel>> channels, Map<Category, String> frequencies, String digestHour,
        String digestDay, String digestMonthDay, String format, String quietFrom, String quietTo, String zone,
        boolean promotional, String language) {

    static final String CHANNEL = "channel.";
    static final String FREQUENCY = "frequency.";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    static SettingsForm of(Preferences p) {
        Map<Category, Set<Channel>> channels = new EnumMap<>(Category.class);
        Map<Category, String> frequencies = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            channels.put(category, p.row(category).channels());
            frequencies.put(category, p.row(category).frequency().name());
        }
        return new SettingsForm(channels, frequencies, String.valueOf(p.digestHour()), p.digestDay().name(),
                String.valueOf(p.digestMonthDay()), p.format().name(), time(p.quietFrom()), time(p.quietTo()),
                p.zone().getId(), p.promotionalConsentAt() != null, p.language().name());
    }

    /** Whether the box is ticked; the cabinet always is. */
    public boolean on(Category category, Channel channel) {
        return channel == Channel.CABINET || channels.getOrDefault(category, EnumSet.noneOf(Channel.class)).contains(channel);
    }

    public String frequency(Category category) {
        return frequencies.getOrDefault(category, "");
    }

    /** The name of a channel's box, as {@link SettingsInput} reads it back. */
    public String channelField(Category category, Channel channel) {
        return CHANNEL + category.code() + "." + channel.name();
    }

    public String frequencyField(Category category) {
        return FREQUENCY + category.code();
    }

    private static String time(@Nullable LocalTime time) {
        return time == null ? "" : HH_MM.format(time);
    }
}
