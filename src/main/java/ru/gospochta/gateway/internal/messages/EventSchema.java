package ru.gospochta.gateway.internal.messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import ru.gospochta.identity.Recipients;
import ru.gospochta.notify.NewEvent;

/**
 * The event schema of the public contract (NTF-1, GW-2): a recipient, a type, and variables as a
 * map of names to strings, checked on the tree of either format like {@link MessageSchema}. It is
 * generic on purpose: the types and their variables are the notification catalogue's, which
 * checks them next, so the contract need not change when the catalogue grows.
 */
final class EventSchema {

    static final int MAX_TYPE = 64;
    static final int MAX_VARIABLES = 50;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> EVENT_FIELDS = Set.of("recipient", "type", "variables");

    private EventSchema() {
    }

    /** The event; {@code null} when it broke a rule (the violations say which). */
    static @Nullable EventRequest event(JsonNode node, List<Violation> violations) {
        if (!node.isObject()) {
            violations.add(new Violation("", "not-an-object"));
            return null;
        }
        int before = violations.size();
        MessageSchema.unknownFields(node, EVENT_FIELDS, "", violations);
        Recipients.Key recipient = MessageSchema.recipient(node.get("recipient"), "recipient", violations);
        String type = MessageSchema.text(node, "type", "", true, MAX_TYPE, violations);
        Map<String, String> variables = variables(node.get("variables"), violations);
        if (violations.size() > before || recipient == null || type == null) {
            return null;
        }
        return new EventRequest(recipient, type, variables);
    }

    /** Absent means none: the catalogue then names every variable the type needs. */
    private static Map<String, String> variables(@Nullable JsonNode node, List<Violation> violations) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isObject()) {
            violations.add(new Violation("variables", "not-an-object"));
            return variables;
        }
        if (node.size() > MAX_VARIABLES) {
            violations.add(new Violation("variables", "too-many-variables", MAX_VARIABLES));
            return variables;
        }
        for (Map.Entry<String, JsonNode> variable : node.properties()) {
            String path = "variables." + variable.getKey();
            JsonNode value = variable.getValue();
            if (!VARIABLE_NAME.matcher(variable.getKey()).matches()) {
                violations.add(new Violation(path, "invalid-name"));
            } else if (!value.isString()) {
                // Amounts and dates travel as text too, so that "1500.00" keeps its two decimals.
                violations.add(new Violation(path, "not-a-string"));
            } else if (value.stringValue().length() > NewEvent.MAX_VALUE_LENGTH) {
                violations.add(new Violation(path, "too-long", NewEvent.MAX_VALUE_LENGTH));
            } else {
                variables.put(variable.getKey(), value.stringValue());
            }
        }
        return variables;
    }
}
