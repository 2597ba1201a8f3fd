package ru.gospochta.identity.internal.recovery;

import java.time.Duration;

/** Wrong codes for this identifier reached the limit (ACC-7); nothing is checked or sent until {@link #waitFor()} passes. */
class TooManyWrongCodes extends RuntimeException {

    private final Duration waitFor;

    TooManyWrongCodes(Duration waitFor) {
        super("too many wrong recovery codes, wait " + waitFor);
        this.waitFor = waitFor;
    }

    Duration waitFor() {
        return waitFor;
    }
}
