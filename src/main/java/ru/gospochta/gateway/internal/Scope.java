package ru.gospochta.gateway.internal;

import java.util.Arrays;
import java.util.Optional;

/** What an access token allows: sending messages, reading their status. Named as OAuth 2.0 scopes. */
public enum Scope {
    MESSAGES_SEND("messages:send"), MESSAGES_READ("messages:read");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope as tokens and token requests carry it, e.g. {@code messages:send}. */
    public String value() {
        return value;
    }

    /** The authority Spring Security grants for this scope in a token. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
