package ru.gospochta.notify.internal.preferences;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;

/**
 * One citizen's notification settings (NTF-3) and the rules that follow from them: which channels
 * a category goes to, when a digest is due, when quiet hours end. Mandatory categories ignore the
 * grid: they always go by e-mail and SMS, one by one.
 *
 * @param promotionalConsentAt when the citizen agreed to promotional mail; {@code null}: never, or withdrawn
 */
public record Preferences(Map<Category, Row> grid, LetterFormat format, int digestHour, DayOfWeek digestDay,
        int digestMonthDay, @Nullable LocalTime quietFrom, @Nullable LocalTime quietTo, ZoneId zone,
        @Nullable Instant promotionalConsentAt, Language language) {

    public enum LetterFormat {
        HTML, TEXT
    }

    /** The language of the citizen's letters, SMS and push texts (NTF-4). */
    public enum Language {
        RU(java.util.Locale.of("ru")), EN(java.util.Locale.ENGLISH);

        private final java.util.Locale locale;

        Language(java.util.Locale locale) {
            this.locale = locale;
        }

        public java.util.Locale locale() {
            return locale;
        }
    }

    /** Settings in Russian, the language of a citizen who never chose one. */
    public Preferences(Map<Category, Row> grid, LetterFormat format, int digestHour, DayOfWeek digestDay, int digestMonthDay,
            @Nullable LocalTime quietFrom, @Nullable LocalTime quietTo, ZoneId zone, @Nullable Instant promotionalConsentAt) {
        this(grid, format, digestHour, digestDay, digestMonthDay, quietFrom, quietTo, zone, promotionalConsentAt, Language.RU);
    }

    /** A category's line of the grid; the cabinet is always among the channels. */
    public record Row(Set<Channel> channels, Frequency frequency) {

        public Row {
            EnumSet<Channel> all = EnumSet.of(Channel.CABINET);
            all.addAll(channels);
            channels = Set.copyOf(all);
        }
    }

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");
    static final Row MANDATORY = new Row(EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PUSH), Frequency.EACH_EVENT);

    public Preferences {
        EnumMap<Category, Row> full = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            full.put(category, category.mandatory() ? MANDATORY : grid.getOrDefault(category, defaultRow(category)));
        }
        grid = Map.copyOf(full);
        if ((quietFrom == null) != (quietTo == null)) {
            throw new IllegalArgumentException("quiet hours need both ends");
        }
        if (digestHour < 0 || digestHour > 23 || digestMonthDay < 1 || digestMonthDay > 28) {
            throw new IllegalArgumentException("digest time out of range");
        }
    }

    /** The settings of a citizen who never changed them. */
    public static Preferences defaults() {
        return new Preferences(Map.of(), LetterFormat.HTML, 9, DayOfWeek.MONDAY, 1, null, null, DEFAULT_ZONE, null);
    }

    /** E-mail for everything but promotions, which need consent; SMS and push only where the citizen turns them on. */
    static Row defaultRow(Category category) {
        if (category.mandatory()) {
            return MANDATORY;
        }
        return category.promotional() ? new Row(Set.of(), Frequency.EACH_EVENT)
                : new Row(EnumSet.of(Channel.EMAIL), Frequency.EACH_EVENT);
    }

    public Row row(Category category) {
        return grid.get(category);
    }

    /** These settings with one line of the grid replaced; a mandatory category keeps its forced line. */
    public Preferences withRow(Category category, Row row) {
        EnumMap<Category, Row> changed = new EnumMap<>(grid);
        changed.put(category, row);
        return new Preferences(changed, format, digestHour, digestDay, digestMonthDay, quietFrom, quietTo, zone,
                promotionalConsentAt, language);
    }

    /** These settings with promotional consent given at {@code at}, or withdrawn when {@code null}. */
    public Preferences withPromotionalConsent(@Nullable Instant at) {
        return new Preferences(grid, format, digestHour, digestDay, digestMonthDay, quietFrom, quietTo, zone, at, language);
    }

    /** The channels beyond the cabinet a notice of this category goes to now. */
    public Set<Channel> channelsFor(Category category, boolean mandatoryNotice) {
        if (category.promotional() && promotionalConsentAt == null) {
            return Set.of();
        }
        EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
        channels.addAll(row(category).channels());
        if (mandatoryNotice) {
            channels.add(Channel.EMAIL);
        }
        channels.remove(Channel.CABINET);
        return channels;
    }

    public Frequency frequency(Category category, boolean mandatoryNotice) {
        return mandatoryNotice ? Frequency.EACH_EVENT : row(category).frequency();
    }

    /** The first digest time of this frequency strictly after {@code now}, at the chosen hour in the citizen's zone. */
    public Instant nextDigest(Frequency frequency, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime at = LocalTime.of(digestHour, 0);
        LocalDate candidate = switch (frequency) {
            case EACH_EVENT -> throw new IllegalArgumentException("not a digest");
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.nextOrSame(digestDay));
            case MONTHLY -> day.withDayOfMonth(digestMonthDay).isBefore(day) ? day.plusMonths(1).withDayOfMonth(digestMonthDay)
                    : day.withDayOfMonth(digestMonthDay);
        };
        ZonedDateTime due = candidate.atTime(at).atZone(zone);
        if (!due.isAfter(local)) {
            due = switch (frequency) {
                case DAILY -> due.plusDays(1);
                case WEEKLY -> due.plusWeeks(1);
                default -> due.plusMonths(1).withDayOfMonth(digestMonthDay);
            };
        }
        return due.toInstant();
    }

    /** {@code now} itself, or the end of the quiet hours {@code now} falls in. */
    public Instant afterQuietHours(Instant now) {
        if (quietFrom == null || quietTo == null || quietFrom.equals(quietTo)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean overnight = quietFrom.isAfter(quietTo);
        boolean quiet = overnight ? !time.isBefore(quietFrom) || time.isBefore(quietTo)
                : !time.isBefore(quietFrom) && time.isBefore(quietTo);
        if (!quiet) {
            return now;
        }
        LocalDate endDay = overnight && !time.isBefore(quietFrom) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return endDay.atTime(quietTo).atZone(zone).toInstant();
    }
}
