package ru.gospochta.notify.internal.catalogue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

import ru.gospochta.notify.NewEvent;

/**
 * A variable of an event type. Values arrive as text; each kind has its form, checked on intake
 * so that a template never shows a malformed amount or a link out of the portal.
 */
public record Variable(String name, Kind kind, boolean optional) {

    /** Longest text value, as the module's API tells its callers. */
    public static final int MAX_TEXT = NewEvent.MAX_VALUE_LENGTH;

    public enum Kind {
        TEXT, DATE, AMOUNT, URL
    }

    private static final Pattern AMOUNT = Pattern.compile("^(0|[1-9][0-9]{0,11})(\\.[0-9]{2})?$");
    private static final Pattern CABINET_PATH = Pattern.compile("^/[A-Za-z0-9/._~%?&=+-]{0,500}$");
    private static final Pattern HTTPS_URL = Pattern.compile("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9/._~%?&=+#-]{0,500})?$");

    /** @return the problem's code, or empty when the value is fine */
    public Optional<String> check(String value) {
        if (value.isBlank()) {
            return Optional.of("blank");
        }
        return switch (kind) {
            case TEXT -> value.length() > MAX_TEXT ? Optional.of("too-long")
                    : value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n') ? Optional.of("control-characters")
                    : Optional.empty();
            case DATE -> isDate(value) ? Optional.empty() : Optional.of("invalid-date");
            case AMOUNT -> AMOUNT.matcher(value).matches() ? Optional.empty() : Optional.of("invalid-amount");
            case URL -> CABINET_PATH.matcher(value).matches() && !value.startsWith("//")
                    || HTTPS_URL.matcher(value).matches() ? Optional.empty() : Optional.of("invalid-url");
        };
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
