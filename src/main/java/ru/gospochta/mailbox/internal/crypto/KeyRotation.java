package ru.gospochta.mailbox.internal.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;

/**
 * Rotation of the master key (MBX-9): every data key is unwrapped with the master key version it
 * was wrapped by and wrapped again with the newest one, a batch per transaction. No message is
 * read or rewritten, since messages are sealed by the data keys, which stay the same. Afterwards
 * the older master keys are not needed and the generated store forgets them.
 */
@Component
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final int BATCH = 500;

    /** What a rotation did. */
    public record Rotation(int masterVersion, long rewrapped, List<Integer> retired, String keptIn) {
    }

    /** How many data keys each master key version wraps. */
    public record Status(int currentVersion, List<Integer> versionsHeld, Map<Integer, Long> dataKeysByVersion,
            String keptIn) {
    }

    private final MasterKeys masterKeys;
    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;

    KeyRotation(MasterKeys masterKeys, JdbcClient db, JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog audit) {
        this.masterKeys = masterKeys;
        this.db = db;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * @param actor who asked, as the audit log names actors, e.g. {@code staff:admin}
     * @throws RotationIncomplete when some data keys could not be unwrapped; the older master keys
     *         are then kept, since those keys still need them
     */
    public synchronized Rotation rotate(String actor) {
        MasterKey target = masterKeys.rotate();
        Pass pass = new Pass(target);
        while (transactions.execute(status -> pass.next(false))) {
            // batch after batch, each in its own transaction
        }
        // The last pass waits for every delivery still creating keys under an older master key.
        Pass last = new Pass(target);
        while (transactions.execute(status -> last.next(true))) {
            // the same, holding the lock
        }
        long rewrapped = pass.rewrapped + last.rewrapped;
        if (last.broken > 0) {
            audit.record(AuditEntry.of(actor, "mailbox.master-key-rotated", "mailbox-master-key:" + target.version(),
                    AuditOutcome.FAILURE).with("rewrapped", Long.toString(rewrapped)).with("broken", Long.toString(last.broken)));
            throw new RotationIncomplete(last.broken);
        }
        List<Integer> retired = masterKeys.retireAllBut(target.version());
        audit.record(AuditEntry.of(actor, "mailbox.master-key-rotated", "mailbox-master-key:" + target.version(),
                        AuditOutcome.SUCCESS)
                .with("rewrapped", Long.toString(rewrapped)).with("retired", retired.toString()));
        log.info("Mailbox master key rotated to version {}: {} data keys re-wrapped, versions {} retired",
                target.version(), rewrapped, retired);
        return new Rotation(target.version(), rewrapped, retired, masterKeys.describe());
    }

    /** Some data keys did not unwrap under the master key they name; they were left as they are. */
    public static final class RotationIncomplete extends IllegalStateException {

        RotationIncomplete(long broken) {
            super(broken + " data key(s) could not be unwrapped and were left under their master key;"
                    + " the older master keys are kept");
        }
    }

    public Status status() {
        Map<Integer, Long> counts = new TreeMap<>();
        db.sql("SELECT master_version, count(*) AS n FROM mailbox.data_keys GROUP BY master_version")
                .query(rs -> {
                    counts.put(rs.getInt("master_version"), rs.getLong("n"));
                });
        return new Status(masterKeys.current().version(), masterKeys.versions(), counts, masterKeys.describe());
    }

    /**
     * One walk over the data keys not yet under the target, in key order, a batch per call: a key
     * that does not unwrap is counted and passed over, so the walk always ends.
     */
    private final class Pass {

        private final MasterKey target;
        private UUID lastAccount = new UUID(0L, 0L);
        private int lastVersion = Integer.MIN_VALUE;
        private long rewrapped;
        private long broken;

        Pass(MasterKey target) {
            this.target = target;
        }

        /** @return whether there may be more */
        boolean next(boolean exclusive) {
            if (exclusive) {
                db.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", DataKeys.CREATION_LOCK).query().singleRow();
            }
            record Row(UUID account, int version, byte[] wrapped, int masterVersion) {
            }
            List<Row> rows = db.sql("""
                            SELECT account, version, wrapped, master_version FROM mailbox.data_keys
                            WHERE master_version <> :target AND (account, version) > (:account, :version)
                            ORDER BY account, version LIMIT :limit FOR UPDATE""")
                    .param("target", target.version()).param("account", lastAccount).param("version", lastVersion)
                    .param("limit", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("account", UUID.class), rs.getInt("version"), rs.getBytes("wrapped"),
                            rs.getInt("master_version")))
                    .list();
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (Row row : rows) {
                try {
                    String binding = Binding.dataKey(row.account(), row.version());
                    byte[] raw = Aead.open(masterKeys.version(row.masterVersion()).key(), row.wrapped(), binding);
                    DataKey key = new DataKey(row.account(), row.version(), Aead.key(raw));
                    updates.add(new Object[] {DataKeys.wrap(key, target), target.version(), row.account(), row.version()});
                } catch (SealBroken | MasterKeys.MasterKeyMissing unreadable) {
                    broken++;
                    log.error("The data key of mailbox {} (version {}) does not unwrap under master key version {}: {}",
                            row.account(), row.version(), row.masterVersion(), unreadable.getMessage());
                }
                lastAccount = row.account();
                lastVersion = row.version();
            }
            if (!updates.isEmpty()) {
                jdbc.batchUpdate("UPDATE mailbox.data_keys SET wrapped = ?, master_version = ? WHERE account = ? AND version = ?",
                        updates);
            }
            rewrapped += updates.size();
            return rows.size() == BATCH;
        }
    }
}
