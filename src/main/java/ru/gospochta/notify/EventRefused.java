package ru.gospochta.notify;

import java.util.List;

/** An event that does not fit the catalogue: every problem at once, each with its field path and code. */
public class EventRefused extends RuntimeException {

    /** One problem, e.g. {@code variables.amount} / {@code invalid-amount}. */
    public record Problem(String path, String code) {
    }

    private final List<Problem> problems;

    public EventRefused(List<Problem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
