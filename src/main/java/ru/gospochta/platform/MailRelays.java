package ru.gospochta.platform;

import java.util.Comparator;
import java.util.List;

/**
 * The SMTP relays e-mail can leave through, in priority order, for a sender that fails over from
 * one to the next itself (the notification dispatcher, NTF-5). The first is always the relay behind
 * {@link OutgoingMail} — the configured {@code smtp} relay, or the catcher in catcher mode; a
 * backup relay ({@code gospochta.mail.backup-smtp}) follows when configured. Every relay stamps
 * (verification codes), signs (DKIM) and numbers (Message-ID) letters alike; only the connections
 * differ, so a receiver cannot tell which relay carried a letter.
 */
public final class MailRelays {

    /** The name of the primary relay. */
    public static final String PRIMARY = "smtp";

    /** The name of the backup relay. */
    public static final String BACKUP = "smtp-backup";

    private final List<Relay> relays;

    public MailRelays(List<Relay> relays) {
        if (relays.isEmpty()) {
            throw new IllegalArgumentException("at least the primary relay");
        }
        this.relays = relays.stream().sorted(Comparator.comparingInt(Relay::priority)).toList();
    }

    /** The relays, lowest priority value (tried first) first. */
    public List<Relay> inPriorityOrder() {
        return relays;
    }

    /**
     * One relay.
     *
     * @param name a short stable name, recorded with each attempt ({@link #PRIMARY}, {@link #BACKUP})
     * @param priority lower goes first
     * @param mail letters through this relay only
     */
    public record Relay(String name, int priority, OutgoingMail mail) {
    }
}
