package ru.gospochta.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened, as a module hands it to the {@link AuditLog}; the log adds the time
 * and the chain. Start with {@link #of}, then add {@link #from the source address} and
 * {@link #with details}. Never put a password, code or token into any field.
 *
 * @param actor who acted, prefixed by kind, e.g. {@code staff:admin} or {@code system}
 * @param action what was done, lower-case words joined by dots or hyphens, e.g. {@code staff.sign-in}
 * @param target what it was done to, e.g. a path, {@code message:42} or {@code account:17}
 * @param outcome how it ended
 * @param sourceIp the address the request came from; {@code null} when the action has none
 * @param details a few extra facts, at most {@value #MAX_DETAILS} short key–value pairs
 */
public record AuditEntry(String actor, String action, String target, AuditOutcome outcome,
        @Nullable String sourceIp, Map<String, String> details) {

    public static final int MAX_DETAILS = 32;
    static final int MAX_ACTOR = 200;
    static final int MAX_ACTION = 100;
    static final int MAX_TARGET = 500;
    static final int MAX_SOURCE_IP = 64;
    static final int MAX_DETAIL_VALUE = 2000;

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");
    private static final Pattern DETAIL_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]{0,63}");

    public AuditEntry {
        requireText("actor", actor, MAX_ACTOR);
        requireText("action", action, MAX_ACTION);
        requireText("target", target, MAX_TARGET);
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be lower-case words joined by '.' or '-': " + action);
        }
        if (sourceIp != null) {
            requireText("sourceIp", sourceIp, MAX_SOURCE_IP);
        }
        details = Map.copyOf(details);
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + MAX_DETAILS + " details, got " + details.size());
        }
        details.forEach((key, value) -> {
            if (!DETAIL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("detail key must be a short identifier: " + key);
            }
            if (value.length() > MAX_DETAIL_VALUE) {
                throw new IllegalArgumentException("detail " + key + " is longer than " + MAX_DETAIL_VALUE);
            }
        });
    }

    /** An entry without source address and details. */
    public static AuditEntry of(String actor, String action, String target, AuditOutcome outcome) {
        return new AuditEntry(actor, action, target, outcome, null, Map.of());
    }

    /** This entry with the address the request came from. */
    public AuditEntry from(String sourceIp) {
        return new AuditEntry(actor, action, target, outcome, sourceIp, details);
    }

    /** This entry with one more detail; an existing key is replaced. */
    public AuditEntry with(String key, String value) {
        Map<String, String> more = new HashMap<>(details);
        more.put(key, value);
        return new AuditEntry(actor, action, target, outcome, sourceIp, more);
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength);
        }
        // PostgreSQL text cannot hold NUL, and control characters make a journal misleading to read.
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " contains control characters");
        }
    }
}
