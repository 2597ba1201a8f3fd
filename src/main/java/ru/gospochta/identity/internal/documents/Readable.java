package ru.gospochta.identity.internal.documents;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times, dates, sizes and masked identifiers as the pages show them. Times are Moscow time, the portal's reference
 * time that the pages name; the accounts keep no time zone of their own yet.
 */
final class Readable {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final BigDecimal MEGABYTE = BigDecimal.valueOf(1024 * 1024);

    private Readable() {
    }

    static String moment(Instant at) {
        return MOMENT.format(at.atZone(MOSCOW));
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** The Moscow day as {@code 2025-05-17}, for file names that sort by date. */
    static String isoDay(Instant at) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(at.atZone(MOSCOW));
    }

    /** Megabytes with at most one decimal, for the message bundle to format in the page's language. */
    static BigDecimal megabytes(long bytes) {
        return BigDecimal.valueOf(bytes).divide(MEGABYTE, 1, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** A SNILS with only the last group and the check number showing: {@code ***-***-445 95}. */
    static String maskedSnils(String digits) {
        return "***-***-" + digits.substring(6, 9) + " " + digits.substring(9);
    }

    /** Kilobytes, rounded up so a small file never reads as 0. */
    static long kilobytes(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
