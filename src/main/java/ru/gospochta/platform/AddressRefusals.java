package ru.gospochta.platform;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which permanent failures say the recipient's address itself cannot receive mail (CNT-6), by the
 * enhanced status codes of RFC 3463: no such mailbox (5.1.1) or domain (5.1.2), a malformed (5.1.3)
 * or moved (5.1.6) address, a domain that takes no mail (5.1.10), a disabled mailbox (5.2.1).
 * Others — a policy block of our server (5.7.x), a full mailbox, a letter too large — are permanent
 * for the letter but say nothing against the address: a sending server put on a block list must not
 * have every address at that provider suspended. One rule for a refusal at sending time and for a
 * delivery report that arrives later.
 */
public final class AddressRefusals {

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])5\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Set<String> ABOUT_THE_ADDRESS = Set.of("1.1", "1.2", "1.3", "1.6", "1.10", "2.1");

    private AddressRefusals() {
    }

    /** Whether an enhanced status code, e.g. {@code 5.1.1}, is about the address. */
    public static boolean aboutTheAddress(String status) {
        Matcher m = ENHANCED.matcher(status.strip());
        return m.matches() && ABOUT_THE_ADDRESS.contains(m.group(1) + "." + m.group(2));
    }

    /**
     * Whether a server's permanent reply is about the address: by its enhanced status where it
     * gives one, else — from a server that gives none — a bare 550, 551 or 553.
     */
    public static boolean aboutTheAddress(String reply, int replyCode) {
        Matcher m = ENHANCED.matcher(reply);
        if (m.find()) {
            return ABOUT_THE_ADDRESS.contains(m.group(1) + "." + m.group(2));
        }
        return replyCode == 550 || replyCode == 551 || replyCode == 553;
    }
}
