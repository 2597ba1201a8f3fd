package ru.gospochta.audit;

/**
 * The audit log every module writes to (SEC-4). Entries are only ever appended; each is chained
 * to the one before by a SHA-256 hash, so a change or a removal shows up in {@link #verify()} (EVD-3).
 */
public interface AuditLog {

    /**
     * Appends the entry, stamped with the current time. Inside a read-write transaction the entry
     * joins it, so it commits or rolls back with the action it describes, and is numbered and chained
     * just after that commit (0 is returned: its number is not known yet); otherwise (no transaction,
     * or a read-only one) it commits and is chained on its own, and its sequence number is returned.
     * Record a failed action after its transaction has rolled back, or it disappears with it.
     */
    long record(AuditEntry entry);

    /**
     * Walks the whole chain in order and reports it intact or names the first broken entry.
     * Removing the newest entries leaves no gap behind, so that alone is not detected here.
     */
    ChainVerification verify();
}
