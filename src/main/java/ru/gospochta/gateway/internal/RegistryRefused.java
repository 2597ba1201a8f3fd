package ru.gospochta.gateway.internal;

import java.util.Map;

/**
 * An agency, system or credential the registry does not accept, with each problem as a message
 * key by the form field it concerns, so a form shows all of them at once.
 */
public class RegistryRefused extends RuntimeException {

    private final Map<String, String> problems;

    public RegistryRefused(Map<String, String> problems) {
        super("refused: " + problems.keySet());
        this.problems = Map.copyOf(problems);
    }

    public static RegistryRefused of(String field, String messageKey) {
        return new RegistryRefused(Map.of(field, messageKey));
    }

    /** Message key by field name. */
    public Map<String, String> problems() {
        return problems;
    }
}
