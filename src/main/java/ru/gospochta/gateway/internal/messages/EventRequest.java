package ru.gospochta.gateway.internal.messages;

import java.util.Map;

import ru.gospochta.identity.Recipients;

/**
 * One event as an agency sent it (NTF-1), after the schema checks: the citizen named, a type and
 * its variables as text. Whether the type exists and the variables fit it is the catalogue's to say.
 */
record EventRequest(Recipients.Key recipient, String type, Map<String, String> variables) {

    EventRequest {
        variables = Map.copyOf(variables);
    }
}
