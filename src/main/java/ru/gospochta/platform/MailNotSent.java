package ru.gospochta.platform;

/**
 * The transport did not take a letter. {@link #permanent()} is true when the server answered
 * with a 5xx code (the address or the letter is refused, retrying will not help).
 */
public class MailNotSent extends RuntimeException {

    private final boolean permanent;
    private final int replyCode;

    public MailNotSent(String message, boolean permanent, int replyCode, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.replyCode = replyCode;
    }

    public boolean permanent() {
        return permanent;
    }

    /** Whether the refusal is about the address itself, so that delivery to it is suspended ({@link AddressRefusals}). */
    public boolean aboutTheAddress() {
        return permanent && AddressRefusals.aboutTheAddress(String.valueOf(getMessage()), replyCode);
    }

    /** The SMTP reply code, or -1 when the server never answered. */
    public int replyCode() {
        return replyCode;
    }
}
