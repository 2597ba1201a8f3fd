package ru.gospochta.notify.internal.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ru.gospochta.notify.Category;

/**
 * A type of event of the catalogue (NTF-1).
 *
 * @param mandatory a legally required notice: sent by every channel the citizen can be reached on,
 *     whatever the preferences say, and never held for a digest
 * @param urgent passes quiet hours
 * @param internal raised only by the portal's own modules, never through the agency API
 * @param channels the channels beyond the cabinet this type may use; all of them unless the catalogue narrows it
 * @param templates the default template per language ({@code ru}, {@code en})
 */
public record EventType(String code, Category category, boolean mandatory, boolean urgent, boolean internal,
        java.util.Set<ru.gospochta.notify.Channel> channels, List<Variable> variables, Map<String, DefaultTemplate> templates) {

    public record DefaultTemplate(String subject, String body) {
    }

    public Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** Every problem of the given variables, as (name, code) pairs; empty when they fit. */
    public List<String[]> problems(Map<String, String> values) {
        List<String[]> problems = new ArrayList<>();
        for (Variable v : variables) {
            String value = values.get(v.name());
            if (value == null) {
                if (!v.optional()) {
                    problems.add(new String[] {v.name(), "missing"});
                }
                continue;
            }
            v.check(value).ifPresent(code -> problems.add(new String[] {v.name(), code}));
        }
        values.keySet().stream().filter(name -> variable(name).isEmpty()).sorted()
                .forEach(name -> problems.add(new String[] {name, "unknown-variable"}));
        return problems;
    }

    /** The same type filed under another category: an agency's message is announced in its own category. */
    public EventType withCategory(Category other) {
        return new EventType(code, other, mandatory, urgent, internal, channels, variables, templates);
    }

    /** Whether notices of this type reach the citizen whatever the grid says. */
    public boolean alwaysSent() {
        return mandatory || category.mandatory();
    }

    public DefaultTemplate template(Locale locale) {
        return templates.getOrDefault(locale.getLanguage(), templates.get("ru"));
    }
}
