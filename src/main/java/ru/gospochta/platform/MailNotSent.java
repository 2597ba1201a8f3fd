package ru.gospochta.platform;

/**
 * The transport did not take a letter. {@link #permanent()} is true when the server answered
 * with a 5xx code (the address or the letter is refused, retrying will not help).
 */
public class MailNotSent extends RuntimeException {

    /** An enhanced status code of RFC 3463 in the server's reply, e.g. {@code 5.1.1}. */
    private static final java.util.regex.Pattern ENHANCED = java.util.regex.Pattern.compile("(?<![\\d.])5\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    /** The statuses that say the address itself cannot receive mail: no such mailbox or domain, a bad or moved address, a disabled mailbox. */
    private static final java.util.Set<String> ABOUT_THE_ADDRESS = java.util.Set.of("1.1", "1.2", "1.3", "1.6", "1.10", "2.1");

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

    /**
     * Whether the refusal is about the address itself, so that delivery to it should be suspended
     * (CNT-6): an enhanced status of a missing or disabled mailbox or domain, or — from a server that
     * gives none — a bare 550, 551 or 553. A policy block of our server (5.7.x), a full mailbox or a
     * letter too large is permanent for this letter but says nothing against the address: a sending
     * server put on a block list must not have every address at that provider suspended.
     */
    public boolean aboutTheAddress() {
        if (!permanent) {
            return false;
        }
        java.util.regex.Matcher status = ENHANCED.matcher(String.valueOf(getMessage()));
        if (status.find()) {
            return ABOUT_THE_ADDRESS.contains(status.group(1) + "." + status.group(2));
        }
        return replyCode == 550 || replyCode == 551 || replyCode == 553;
    }

    /** The SMTP reply code, or -1 when the server never answered. */
    public int replyCode() {
        return replyCode;
    }
}
