package ru.gospochta.notify.internal.templates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a template: plain text with {@code {{name}}} for a variable and
 * {@code {{#name}}…{{/name}}} for a part shown only when the variable is given. Deliberately no
 * logic beyond that: an administrator edits it, an agency's values fill it, and nothing in it can
 * run. Values are inserted as text; the HTML layout escapes them.
 */
public final class TemplateText {

    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#/]?)\\s*([A-Za-z][A-Za-z0-9]{0,63})\\s*}}");

    private sealed interface Part permits Literal, Value, Section {
    }

    private record Literal(String text) implements Part {
    }

    private record Value(String name) implements Part {
    }

    private record Section(String name, List<Part> parts) implements Part {
    }

    /**
     * A template that cannot be parsed: a section not closed, closed twice, or a stray brace pair.
     * The reason and the offending fragment let an editor say in its own words what to fix.
     */
    public static final class Malformed extends RuntimeException {

        public enum Reason {
            /** {@code {{#name}}} without its {@code {{/name}}}; the fragment is the name */
            NOT_CLOSED,
            /** {@code {{/name}}} with no open section of that name; the fragment is the name */
            CLOSES_NOTHING,
            /** braces that are not a tag, e.g. {@code {{first name}}}; the fragment is the text around them */
            STRAY_BRACES
        }

        private final Reason reason;
        private final String fragment;

        Malformed(Reason reason, String fragment, String message) {
            super(message);
            this.reason = reason;
            this.fragment = fragment;
        }

        public Reason reason() {
            return reason;
        }

        public String fragment() {
            return fragment;
        }
    }

    private final String source;
    private final List<Part> parts;

    private TemplateText(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** @throws Malformed when sections do not nest or a {@code {{…}}} is not a tag */
    public static TemplateText parse(String source) {
        List<List<Part>> stack = new ArrayList<>();
        List<String> open = new ArrayList<>();
        stack.add(new ArrayList<>());
        Matcher m = TAG.matcher(source);
        int at = 0;
        while (m.find()) {
            literal(stack.getLast(), source.substring(at, m.start()));
            String name = m.group(2);
            switch (m.group(1)) {
                case "#" -> {
                    open.add(name);
                    stack.add(new ArrayList<>());
                }
                case "/" -> {
                    if (open.isEmpty() || !open.getLast().equals(name)) {
                        throw new Malformed(Malformed.Reason.CLOSES_NOTHING, name, "{{/" + name + "}} closes no open section");
                    }
                    List<Part> inner = stack.removeLast();
                    stack.getLast().add(new Section(open.removeLast(), List.copyOf(inner)));
                }
                default -> stack.getLast().add(new Value(name));
            }
            at = m.end();
        }
        literal(stack.getLast(), source.substring(at));
        if (!open.isEmpty()) {
            throw new Malformed(Malformed.Reason.NOT_CLOSED, open.getLast(), "{{#" + open.getLast() + "}} is not closed");
        }
        return new TemplateText(source, List.copyOf(stack.getFirst()));
    }

    /** Every variable the template names, in order of first mention. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        collect(parts, names);
        return names;
    }

    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        render(parts, values, out);
        return out.toString();
    }

    public String source() {
        return source;
    }

    private static void literal(List<Part> into, String text) {
        if (text.contains("{{") || text.contains("}}")) {
            throw new Malformed(Malformed.Reason.STRAY_BRACES, around(text), "«" + text.strip() + "» holds braces that are not a variable");
        }
        if (!text.isEmpty()) {
            into.add(new Literal(text));
        }
    }

    /** The stray braces up to their closing pair, with a few characters either side: enough to find them, short enough to quote. */
    private static String around(String text) {
        int open = text.indexOf("{{");
        int close = text.indexOf("}}");
        int at = open < 0 ? close : close < 0 ? open : Math.min(open, close);
        int closing = text.indexOf("}}", at);
        int end = Math.min(closing < 0 ? at + 2 : closing + 2, at + 80);
        return text.substring(Math.max(0, at - 20), Math.min(text.length(), end + 20)).strip();
    }

    private static void collect(List<Part> parts, Set<String> names) {
        for (Part part : parts) {
            switch (part) {
                case Literal l -> { }
                case Value v -> names.add(v.name());
                case Section s -> {
                    names.add(s.name());
                    collect(s.parts(), names);
                }
            }
        }
    }

    private static void render(List<Part> parts, Map<String, String> values, StringBuilder out) {
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Value v -> out.append(values.getOrDefault(v.name(), ""));
                case Section s -> {
                    String value = values.get(s.name());
                    if (value != null && !value.isBlank()) {
                        render(s.parts(), values, out);
                    }
                }
            }
        }
    }
}
