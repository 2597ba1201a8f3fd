package ru.gospochta.gateway.internal.messages;

import java.util.List;

/** The request broke the contract (HTTP 422): every violation, nothing kept. */
final class MessagesRefused extends RuntimeException {

    private final List<Violation> violations;

    MessagesRefused(List<Violation> violations) {
        super("messages refused: " + violations.size() + " violation(s)");
        this.violations = List.copyOf(violations);
    }

    List<Violation> violations() {
        return violations;
    }
}
