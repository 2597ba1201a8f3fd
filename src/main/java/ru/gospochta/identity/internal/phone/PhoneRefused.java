package ru.gospochta.identity.internal.phone;

import java.util.List;

import ru.gospochta.identity.internal.settings.Recheck;

/**
 * A step of a number change was refused and nothing changed. The explanations are already in the
 * person's language; the reason goes to the audit log.
 */
final class PhoneRefused extends RuntimeException {

    private final String reason;
    private final List<String> explanations;
    private final boolean waiting;

    private PhoneRefused(String reason, List<String> explanations, boolean waiting) {
        // No message with user input in it: exceptions reach logs.
        super("phone change refused: " + reason, null, false, false);
        this.reason = reason;
        this.explanations = List.copyOf(explanations);
        this.waiting = waiting;
    }

    static PhoneRefused from(Recheck.Refused refused) {
        return new PhoneRefused(refused.reason(), refused.explanations(), refused.waiting());
    }

    static PhoneRefused because(String reason, String explanation) {
        return new PhoneRefused(reason, List.of(explanation), false);
    }

    /** The person has to wait before trying again (an SMS limit). */
    static PhoneRefused waiting(String reason, String explanation) {
        return new PhoneRefused(reason, List.of(explanation), true);
    }

    String reason() {
        return reason;
    }

    List<String> explanations() {
        return explanations;
    }

    boolean mustWait() {
        return waiting;
    }
}
