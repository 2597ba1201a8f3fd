package ru.gospochta.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * A person's date of birth as entered at registration («ДД.ММ.ГГГГ»). The rules that depend on
 * today — not in the future, at least {@value #MINIMUM_AGE} years old — are checked by
 * {@link #parse} and {@link #of}, which take the clock; the constructor checks only what holds
 * for ever, so a date read back from storage stays readable when it was accepted.
 */
public record BirthDate(LocalDate date) {

    public static final int MINIMUM_AGE = 14;
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private static final Pattern DD_MM_YYYY = Pattern.compile("[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}");
    private static final DateTimeFormatter RUSSIAN = DateTimeFormatter.ofPattern("dd.MM.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    public BirthDate {
        if (date.isBefore(EARLIEST)) {
            throw new InvalidValue("birthDate", "identity.birth-date.too-old", "before " + EARLIEST);
        }
    }

    /** Reads exactly «ДД.ММ.ГГГГ», refusing dates that do not exist such as 31.02.2000. */
    public static BirthDate parse(String ddMMyyyy, Clock clock) {
        String text = ddMMyyyy.strip();
        if (!DD_MM_YYYY.matcher(text).matches()) {
            throw new InvalidValue("birthDate", "identity.birth-date.format", "expected DD.MM.YYYY");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text, RUSSIAN);
        } catch (DateTimeParseException noSuchDay) {
            throw new InvalidValue("birthDate", "identity.birth-date.not-a-date", "no such day in the calendar");
        }
        return of(date, clock);
    }

    /**
     * A date of a person who is born and at least {@value #MINIMUM_AGE} today. A person born on
     * 29 February comes of age on 28 February in common years, as Russian law counts years.
     */
    public static BirthDate of(LocalDate date, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw new InvalidValue("birthDate", "identity.birth-date.future", "date of birth is in the future");
        }
        BirthDate birthDate = new BirthDate(date);
        if (date.plusYears(MINIMUM_AGE).isAfter(today)) {
            throw new InvalidValue("birthDate", "identity.birth-date.under-14", "younger than " + MINIMUM_AGE);
        }
        return birthDate;
    }

    /** The Russian spelling, «ДД.ММ.ГГГГ». */
    public String formatted() {
        return date.format(RUSSIAN);
    }
}
