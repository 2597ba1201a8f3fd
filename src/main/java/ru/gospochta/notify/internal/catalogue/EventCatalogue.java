package ru.gospochta.notify.internal.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.Category;

/**
 * The catalogue of event types, read from {@code notify/catalogue.json}: a type is part of the
 * product (its variables are a contract with agencies), so it ships with the code; the wording of
 * its letters is the administrators' and lives in published templates.
 */
@Component
public class EventCatalogue {

    private final Map<String, EventType> types;

    public EventCatalogue() {
        this(new ClassPathResource("notify/catalogue.json"));
    }

    EventCatalogue(ClassPathResource resource) {
        try (InputStream in = resource.getInputStream()) {
            this.types = parse(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<EventType> type(String code) {
        return Optional.ofNullable(types.get(code));
    }

    public Collection<EventType> all() {
        return types.values();
    }

    private static Map<String, EventType> parse(JsonNode root) {
        Map<String, EventType> types = new LinkedHashMap<>();
        for (JsonNode t : root.get("types")) {
            String code = t.get("type").asString();
            Category category = Category.byCode(t.get("category").asString())
                    .orElseThrow(() -> new IllegalStateException("event type " + code + ": unknown category"));
            List<Variable> variables = new ArrayList<>();
            for (JsonNode v : t.get("variables")) {
                variables.add(new Variable(v.get("name").asString(),
                        Variable.Kind.valueOf(v.get("kind").asString().toUpperCase(Locale.ROOT)), flag(v, "optional")));
            }
            Map<String, EventType.DefaultTemplate> templates = new LinkedHashMap<>();
            for (String language : List.of("ru", "en")) {
                JsonNode tpl = t.get("templates").get(language);
                if (tpl == null) {
                    throw new IllegalStateException("event type " + code + ": no " + language + " template");
                }
                templates.put(language, new EventType.DefaultTemplate(tpl.get("subject").asString(), tpl.get("body").asString()));
            }
            java.util.EnumSet<ru.gospochta.notify.Channel> channels = java.util.EnumSet.of(ru.gospochta.notify.Channel.EMAIL,
                    ru.gospochta.notify.Channel.SMS, ru.gospochta.notify.Channel.PUSH);
            if (t.has("channels")) {
                channels.clear();
                t.get("channels").forEach(c -> channels.add(ru.gospochta.notify.Channel.valueOf(c.asString())));
            }
            EventType type = new EventType(code, category, flag(t, "mandatory"), flag(t, "urgent"), flag(t, "internal"),
                    java.util.Set.copyOf(channels), List.copyOf(variables), Map.copyOf(templates));
            if (types.put(code, type) != null) {
                throw new IllegalStateException("event type " + code + " is listed twice");
            }
        }
        return java.util.Collections.unmodifiableMap(types);
    }

    private static boolean flag(JsonNode node, String name) {
        return node.has(name) && node.get(name).asBoolean();
    }
}
