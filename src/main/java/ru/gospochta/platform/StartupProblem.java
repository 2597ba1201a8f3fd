package ru.gospochta.platform;

/**
 * A configuration problem that stops the server from starting. Its message is one sentence
 * saying what is wrong and {@link #action()} one sentence saying what to change; start-up
 * reports both instead of a stack trace.
 */
public class StartupProblem extends RuntimeException {

    private final String action;

    public StartupProblem(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public StartupProblem(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
