package ru.gospochta.mailbox.internal.messages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page stopped: the time and id of its last row (keyset pagination). The next page starts
 * strictly after it in the order "newest first, then by id", so rows arriving meanwhile neither
 * repeat nor push others off the list. Written as {@code <epoch microseconds>_<uuid>} in links.
 */
public record Cursor(Instant at, UUID id) {

    private static final Pattern FORM = Pattern.compile("(-?\\d{1,19})_([0-9a-fA-F-]{36})");

    public Cursor {
        at = at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Empty for anything that is not a cursor this class wrote. */
    public static Optional<Cursor> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(m.group(1));
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return Optional.of(new Cursor(at, UUID.fromString(m.group(2))));
        } catch (RuntimeException notACursor) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "_" + id;
    }
}
