package ru.gospochta.mailbox.internal.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final DataKeys dataKeys;

    KeyRotation(MasterKeys masterKeys, JdbcClient db, JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog audit,
            DataKeys dataKeys) {
        this.masterKeys = masterKeys;
        this.db = db;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.dataKeys = dataKeys;
    }

    /** @param actor who asked, as the audit log names actors, e.g. {@code staff:admin} */
    public synchronized Rotation rotate(String actor) {
        MasterKey target = masterKeys.rotate();
        long rewrapped = 0;
        int done;
        do {
            done = transactions.execute(status -> rewrapBatch(target, false));
            rewrapped += done;
        } while (done > 0);
        // The last pass waits for every delivery still creating keys under an older master key.
        rewrapped += transactions.execute(status -> rewrapBatch(target, true));
        List<Integer> retired = masterKeys.retireAllBut(target.version());
        audit.record(AuditEntry.of(actor, "mailbox.master-key-rotated", "mailbox-master-key:" + target.version(),
                        AuditOutcome.SUCCESS)
                .with("rewrapped", Long.toString(rewrapped)).with("retired", retired.toString()));
        log.info("Mailbox master key rotated to version {}: {} data keys re-wrapped, versions {} retired",
                target.version(), rewrapped, retired);
        return new Rotation(target.version(), rewrapped, retired, masterKeys.describe());
    }

    public Status status() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        db.sql("SELECT master_version, count(*) AS n FROM mailbox.data_keys GROUP BY master_version")
                .query(rs -> {
                    counts.put(rs.getInt("master_version"), rs.getLong("n"));
                });
        return new Status(masterKeys.current().version(), masterKeys.versions(), counts, masterKeys.describe());
    }

    private int rewrapBatch(MasterKey target, boolean exclusive) {
        if (exclusive) {
            db.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", DataKeys.CREATION_LOCK).query().singleRow();
        }
        record Row(UUID account, int version, byte[] wrapped, int masterVersion) {
        }
        List<Row> rows = db.sql("""
                        SELECT account, version, wrapped, master_version FROM mailbox.data_keys
                        WHERE master_version <> :target ORDER BY account, version LIMIT :limit FOR UPDATE""")
                .param("target", target.version()).param("limit", exclusive ? Integer.MAX_VALUE : BATCH)
                .query((rs, n) -> new Row(rs.getObject("account", UUID.class), rs.getInt("version"), rs.getBytes("wrapped"),
                        rs.getInt("master_version")))
                .list();
        List<Object[]> updates = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String binding = Binding.dataKey(row.account(), row.version());
            byte[] raw = Aead.open(masterKeys.version(row.masterVersion()).key(), row.wrapped(), binding);
            DataKey key = new DataKey(row.account(), row.version(), Aead.key(raw));
            updates.add(new Object[] {DataKeys.wrap(key, target), target.version(), row.account(), row.version()});
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE mailbox.data_keys SET wrapped = ?, master_version = ? WHERE account = ? AND version = ?",
                    updates);
        }
        return rows.size();
    }
}
