package ru.gospochta.contacts.internal.email;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** A step of binding an e-mail was refused; {@link #code()} is the message to show. */
public class BindingRefused extends RuntimeException {

    public enum Reason {
        CODE_WRONG, CODE_EXPIRED, CODE_EXHAUSTED, LINK_INVALID, LINK_EXPIRED, LINK_OTHER_ACCOUNT, RESEND_TOO_EARLY,
        NOTHING_WAITING, SAME_ADDRESS, SAME_AS_OTHER_KIND, ADDRESS_BOUNCED
    }

    private final Reason reason;
    private final int triesLeft;
    private final @Nullable Duration wait;

    BindingRefused(Reason reason, int triesLeft, @Nullable Duration wait) {
        super("e-mail binding refused: " + reason);
        this.reason = reason;
        this.triesLeft = triesLeft;
        this.wait = wait;
    }

    static BindingRefused because(Reason reason) {
        return new BindingRefused(reason, 0, null);
    }

    public Reason reason() {
        return reason;
    }

    public int triesLeft() {
        return triesLeft;
    }

    public @Nullable Duration retryAfter() {
        return wait;
    }

    public String code() {
        return "contacts.binding." + reason.name().toLowerCase().replace('_', '-');
    }
}
