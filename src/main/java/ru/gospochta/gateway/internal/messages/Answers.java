package ru.gospochta.gateway.internal.messages;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.EventAccepted;
import ru.gospochta.notify.EventStatus;

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

    /** An event just raised (NTF-1): its cabinet message and the notifications planned. */
    static Map<String, Object> event(EventAccepted accepted, boolean sandbox) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", accepted.eventId().toString());
        event.put("messageId", accepted.messageId().toString());
        event.put("notifications", accepted.notifications().stream().map(p -> {
            Map<String, Object> planned = new LinkedHashMap<>();
            planned.put("id", p.notificationId().toString());
            planned.put("channel", channel(p.channel()));
            planned.put("status", p.status());
            return planned;
        }).toList());
        event.put("status", "accepted");
        event.put("sandbox", sandbox);
        return event;
    }

    /** Where an event stands on each channel (GW-3). */
    static Map<String, Object> event(EventStatus status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", status.eventId().toString());
        event.put("messageId", status.messageId().toString());
        event.put("type", status.type());
        event.put("createdAt", status.createdAt().toString());
        event.put("notifications", notifications(status));
        return event;
    }

    /** Each channel's notification of an event, or of the announcement of a message (GW-3, NTF-5). */
    static List<Map<String, Object>> notifications(EventStatus status) {
        return status.notifications().stream().map(n -> {
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("id", n.notificationId().toString());
            notification.put("channel", channel(n.channel()));
            notification.put("status", n.status());
            notification.put("attempts", n.attempts());
            if (n.provider() != null) {
                notification.put("provider", n.provider());
            }
            if (n.errorCode() != null) {
                notification.put("errorCode", n.errorCode());
            }
            notification.put("updatedAt", n.updatedAt().toString());
            putIfSet(notification, "deliveredAt", n.deliveredAt());
            notification.put("digest", n.digest());
            return notification;
        }).toList();
    }

    /** Channels as the API spells its other codes, in lower case. */
    private static String channel(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
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
        return xmlDocument("message", status);
    }

    /** A document of the API's namespace with {@code root} as its root element. */
    static String xmlDocument(String root, Map<String, Object> fields) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(root, fields, true);
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

    /**
     * Each field as an element; a list of objects as an element holding one element per item,
     * named in the singular ({@code notifications} holds {@code notification}s).
     */
    @SuppressWarnings("unchecked")
    private static String fields(Map<String, Object> fields) {
        StringBuilder xml = new StringBuilder();
        fields.forEach((key, value) -> {
            xml.append('<').append(key).append('>');
            if (value instanceof List<?> items) {
                String item = key.endsWith("s") ? key.substring(0, key.length() - 1) : "item";
                items.forEach(i -> xml.append(element(item, (Map<String, Object>) i, false)));
            } else {
                xml.append(escape(String.valueOf(value)));
            }
            xml.append("</").append(key).append('>');
        });
        return xml.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
