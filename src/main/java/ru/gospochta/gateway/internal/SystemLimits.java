package ru.gospochta.gateway.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The limits a system has of its own (GW-1, GW-5); a missing value means the configured default,
 * so a change of the default still reaches every system without one. The bounds match the
 * database's checks.
 *
 * @param requestsPerSecond API calls a second, or {@code null} for the default
 * @param messagesPerDay messages a day, or {@code null} for the default
 */
public record SystemLimits(@Nullable Integer requestsPerSecond, @Nullable Long messagesPerDay) {

    public static final SystemLimits DEFAULTS = new SystemLimits(null, null);
    public static final int MAX_REQUESTS_PER_SECOND = 10_000;
    public static final long MAX_MESSAGES_PER_DAY = 100_000_000L;

    /** Digit groups may be typed with spaces, as Russian writes them («1 000 000»), or copied with no-break ones. */
    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[\\s\\u00A0\\u202F]+");

    public SystemLimits {
        if (requestsPerSecond != null && (requestsPerSecond < 1 || requestsPerSecond > MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("requests a second out of range: " + requestsPerSecond);
        }
        if (messagesPerDay != null && (messagesPerDay < 1 || messagesPerDay > MAX_MESSAGES_PER_DAY)) {
            throw new IllegalArgumentException("messages a day out of range: " + messagesPerDay);
        }
    }

    /**
     * The limits as an administrator typed them; an empty field means the default.
     *
     * @throws RegistryRefused naming each field that is not a whole number within its bounds
     */
    public static SystemLimits parse(String requestsPerSecond, String messagesPerDay) {
        Map<String, String> problems = new LinkedHashMap<>();
        Long rate = number(requestsPerSecond, MAX_REQUESTS_PER_SECOND);
        Long perDay = number(messagesPerDay, MAX_MESSAGES_PER_DAY);
        if (rate != null && rate < 0) {
            problems.put("requestsPerSecond", "gateway.system.limits.requests-per-second.invalid");
        }
        if (perDay != null && perDay < 0) {
            problems.put("messagesPerDay", "gateway.system.limits.messages-per-day.invalid");
        }
        if (!problems.isEmpty()) {
            throw new RegistryRefused(problems);
        }
        return new SystemLimits(rate == null ? null : rate.intValue(), perDay);
    }

    /** What the audit log shows for a value: the number, or {@code default}. */
    static String describe(@Nullable Number value) {
        return value == null ? "default" : value.toString();
    }

    /** {@code null} for an empty field, -1 for anything but a whole number from 1 to {@code max}. */
    private static @Nullable Long number(String typed, long max) {
        String digits = GROUP_SEPARATORS.matcher(typed).replaceAll("");
        if (digits.isEmpty()) {
            return null;
        }
        if (!digits.matches("[0-9]{1,12}")) {
            return -1L;
        }
        long value = Long.parseLong(digits);
        return value >= 1 && value <= max ? value : -1L;
    }
}
