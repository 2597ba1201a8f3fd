package ru.gospochta.gateway.internal.messages;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers in the format the request came in: JSON for JSON, XML (in the namespace of the
 * XSD) for XML. Errors are RFC 9457 problem documents with the list of errors (GW-2).
 */
final class Answers {

    static final String JSON = "application/json";
    static final String XML = "application/xml";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_XML = "application/problem+xml";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Answers() {
    }

    static Map<String, Object> status(SentMessage m) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", m.id().toString());
        status.put("registrationNumber", m.registrationNumber());
        status.put("status", m.status());
        status.put("statusAt", m.statusAt().toString());
        if (m.reason() != null) {
            status.put("reason", m.reason());
        }
        status.put("sandbox", m.sandbox());
        status.put("recipient", m.recipientMasked());
        status.put("acceptedAt", m.acceptedAt().toString());
        putIfSet(status, "deliveredAt", m.deliveredAt());
        putIfSet(status, "readAt", m.readAt());
        putIfSet(status, "undeliverableAt", m.undeliverableAt());
        return status;
    }

    private static void putIfSet(Map<String, Object> map, String key, @Nullable Instant at) {
        if (at != null) {
            map.put(key, at.toString());
        }
    }

    static String json(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static String xmlMessage(Map<String, Object> status) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element("message", status, true);
    }

    static String xmlMessages(List<Map<String, Object>> statuses) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<messages xmlns=\""
                + PayloadReader.NAMESPACE + "\">");
        statuses.forEach(s -> xml.append(element("message", s, false)));
        return xml.append("</messages>").toString();
    }

    static Map<String, Object> problem(int status, String title, String detail, List<ApiError> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            problem.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message()))
                    .toList());
        }
        return problem;
    }

    /** RFC 7807 appendix A: the problem as XML. */
    @SuppressWarnings("unchecked")
    static String xmlProblem(Map<String, Object> problem) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<problem xmlns=\"urn:ietf:rfc:7807\">");
        problem.forEach((key, value) -> {
            if (value instanceof List<?> errors) {
                xml.append("<errors>");
                errors.forEach(error -> xml.append("<i>").append(fields((Map<String, Object>) error)).append("</i>"));
                xml.append("</errors>");
            } else {
                xml.append('<').append(key).append('>').append(escape(String.valueOf(value))).append("</").append(key).append('>');
            }
        });
        return xml.append("</problem>").toString();
    }

    private static String element(String name, Map<String, Object> fields, boolean withNamespace) {
        return "<" + name + (withNamespace ? " xmlns=\"" + PayloadReader.NAMESPACE + "\"" : "") + ">" + fields(fields)
                + "</" + name + ">";
    }

    private static String fields(Map<String, Object> fields) {
        StringBuilder xml = new StringBuilder();
        fields.forEach((key, value) -> xml.append('<').append(key).append('>').append(escape(String.valueOf(value)))
                .append("</").append(key).append('>'));
        return xml.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
