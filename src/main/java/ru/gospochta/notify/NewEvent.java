package ru.gospochta.notify;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event that concerns one citizen (NTF-1), as an agency or a module of the portal raises it.
 *
 * @param id the event's id, chosen by the caller so that a retry is recognised
 * @param account the citizen
 * @param type a type of the catalogue, e.g. {@code application-status-changed}
 * @param variables the type's variables by name, as text (dates ISO, amounts with a dot)
 * @param source who raised it: {@code system:<id>} for an agency system, the module's name otherwise
 * @param systemId the agency system that raised it, if any (its callbacks follow the notifications)
 * @param sender the agency as the citizen sees it; {@code null} for the portal itself
 */
public record NewEvent(UUID id, UUID account, String type, Map<String, String> variables, String source,
        @Nullable UUID systemId, @Nullable Sender sender) {

    /** The longest text a variable may hold: a comment or payment details, not a document. */
    public static final int MAX_VALUE_LENGTH = 2000;

    public NewEvent {
        variables = Map.copyOf(variables);
    }

    /** The agency an event comes from. */
    public record Sender(UUID agencyId, String agencyName) {
    }
}
