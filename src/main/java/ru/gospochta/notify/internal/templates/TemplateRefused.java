package ru.gospochta.notify.internal.templates;

import java.util.List;

/**
 * A draft or a publication that cannot be: every problem found, each with the field it concerns
 * ({@code subject}, {@code body} or {@code version}), a message code and its arguments.
 */
public final class TemplateRefused extends RuntimeException {

    public record Problem(String field, String code, List<String> args) {

        public Problem {
            args = List.copyOf(args);
        }

        static Problem of(String field, String code, String... args) {
            return new Problem(field, code, List.of(args));
        }
    }

    private final List<Problem> problems;

    TemplateRefused(List<Problem> problems) {
        super("template refused: " + problems.stream().map(Problem::code).toList());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
