package ru.gospochta.audit;

import java.util.Optional;

/**
 * What {@link AuditLog#verify()} found: the number of entries and, when the chain is broken,
 * the first entry where it breaks and why.
 *
 * @param entries how many entries the log holds
 * @param firstBreak the first broken entry; empty when the chain is intact
 */
public record ChainVerification(long entries, Optional<Break> firstBreak) {

    public static ChainVerification intact(long entries) {
        return new ChainVerification(entries, Optional.empty());
    }

    public static ChainVerification broken(long entries, Break at) {
        return new ChainVerification(entries, Optional.of(at));
    }

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    /** One line for an operator, e.g. "chain intact, 12 entries" or "chain broken at entry 7: …". */
    public String message() {
        return firstBreak.map(b -> "chain broken at entry " + b.seq() + ": " + b.reason())
                .orElseGet(() -> "chain intact, " + entries + (entries == 1 ? " entry" : " entries"));
    }

    /**
     * Where and how the chain breaks.
     *
     * @param seq the sequence number of the broken entry (for a deleted entry, the missing number)
     * @param problem the kind of damage
     * @param reason what is wrong, in one phrase
     */
    public record Break(long seq, Problem problem, String reason) {
    }

    /** The kinds of damage the chain reveals. */
    public enum Problem {
        /** The entry's content no longer matches its hash: a field was changed. */
        CONTENT_CHANGED,
        /** The entry does not point at the hash of the entry before it: entries were replaced or reordered. */
        LINK_BROKEN,
        /** A sequence number is missing: an entry was deleted. */
        ENTRY_MISSING
    }
}
