package ru.gospochta.identity.internal.recovery;

import java.util.List;

/** The new password cannot be used; each broken rule is a message key, in the order the page lists them. */
class PasswordRefused extends RuntimeException {

    private final List<String> messageCodes;

    PasswordRefused(List<String> messageCodes) {
        super("new password refused: " + messageCodes);
        this.messageCodes = List.copyOf(messageCodes);
    }

    List<String> messageCodes() {
        return messageCodes;
    }
}
