package ru.gospochta.identity.internal.signin;

/** A typed code was not accepted; the reason decides what the page says. */
public class CodeRejected extends RuntimeException {

    public enum Reason { WRONG, EXPIRED, EXHAUSTED, NONE }

    private final Reason reason;
    private final int triesLeft;

    public CodeRejected(Reason reason, int triesLeft) {
        super("code rejected: " + reason);
        this.reason = reason;
        this.triesLeft = triesLeft;
    }

    public Reason reason() {
        return reason;
    }

    public int triesLeft() {
        return triesLeft;
    }

    /** The message-bundle key of the explanation. */
    public String messageCode() {
        return "identity.code." + reason.name().toLowerCase();
    }
}
