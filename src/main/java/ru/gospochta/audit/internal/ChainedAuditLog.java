package ru.gospochta.audit.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.ChainVerification;

/**
 * The audit log over {@code audit.entries}. An entry is written unsealed in the transaction it
 * describes, so it commits or rolls back with it, and takes no lock there. Right after that
 * transaction commits, the entries committed since the last sealing are chained in the order they
 * were written: numbered, each hashed with the one before. Sealing is serialised by one
 * transaction-scoped advisory lock (across nodes too), so the chain cannot fork, and each sealing
 * takes every entry committed so far, so under load one sealing serves many transactions. An entry
 * whose server stopped between its commit and its sealing is sealed by the next sealing, at the
 * latest by the periodic one.
 */
@Service
class ChainedAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(ChainedAuditLog.class);

    /** "audit" in ASCII: the advisory lock key that belongs to this table. */
    static final long APPEND_LOCK = 0x6175646974L;
    /** Entries sealed in one statement batch; more are sealed in further rounds of the same sealing. */
    private static final int SEAL_BATCH = 1_000;
    /** A request seals others' entries for a few rounds at most; the periodic sealing takes any left. */
    private static final int AFTER_COMMIT_ROUNDS = 3;

    private record ChainHead(long seq, byte[] hash) {
    }

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ChainVerifier verifier;
    private final Clock clock = Clock.systemUTC();

    ChainedAuditLog(JdbcClient db, JdbcTemplate jdbc, PlatformTransactionManager transactions, ChainVerifier verifier) {
        this.db = db;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.verifier = verifier;
    }

    @Override
    public long record(AuditEntry entry) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            write(entry);
            sealAfterCommit();
            return 0;
        }
        // A read-only caller cannot insert; reading something is still worth an entry of its own,
        // written and sealed in one transaction (a sealing sees its own transaction's entry).
        return Objects.requireNonNull(ownTransaction.execute(status -> {
            long id = write(entry);
            sealAll(true);
            return db.sql("SELECT seq FROM audit.entries WHERE id = :id").param("id", id).query(Long.class).single();
        }));
    }

    @Override
    public ChainVerification verify() {
        seal();
        return verifier.verify();
    }

    /** Seals what a stopped server left unsealed; normally there is nothing. */
    @Scheduled(fixedDelayString = "${gospochta.audit.seal-check:10s}", initialDelayString = "${gospochta.audit.seal-check:10s}")
    void sealLeftovers() {
        seal();
    }

    private long write(AuditEntry entry) {
        return db.sql("""
                INSERT INTO audit.entries (occurred_at, actor, action, target, source_ip, outcome, details)
                VALUES (:occurredAt, :actor, :action, :target, :sourceIp, :outcome, CAST(:details AS json))
                RETURNING id""")
                // PostgreSQL keeps microseconds; hashing the finer Java time would never verify.
                .param("occurredAt", clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param("actor", entry.actor())
                .param("action", entry.action())
                .param("target", entry.target())
                .param("sourceIp", entry.sourceIp(), Types.VARCHAR)
                .param("outcome", entry.outcome().name())
                .param("details", CanonicalJson.of(entry.details()))
                .query(Long.class).single();
    }

    private void sealAfterCommit() {
        boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(SealAfterCommit.class::isInstance);
        if (!registered) {
            TransactionSynchronizationManager.registerSynchronization(new SealAfterCommit());
        }
    }

    /**
     * Seals without waiting: when another sealing holds the lock, it looks again for unsealed entries
     * after releasing it, which finds this transaction's (committed before this attempt). So a
     * request never waits for the chain, and never holds its own connection while waiting for one.
     * A failure here must not turn an action that has committed into an error; the periodic
     * sealing takes what is left.
     */
    private final class SealAfterCommit implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            try {
                for (int round = 0; round < AFTER_COMMIT_ROUNDS; round++) {
                    boolean sealedHere = Boolean.TRUE.equals(ownTransaction.execute(status -> sealAll(false)));
                    // Not sealed here: the sealing holding the lock looks again once it lets go. Sealed
                    // here: look again for entries whose own attempt found this one holding the lock.
                    if (!sealedHere || !Boolean.TRUE.equals(ownTransaction.execute(status -> anyUnsealed()))) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Audit entries could not be chained after their commit; the periodic sealing will: {}", e.getMessage());
            }
        }
    }

    /** Chains every committed unsealed entry, waiting for a sealing in progress to end first. */
    private void seal() {
        ownTransaction.execute(status -> sealAll(true));
    }

    private boolean anyUnsealed() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM audit.entries WHERE seq IS NULL)").query(Boolean.class).single();
    }

    /** In a transaction of its own: false when {@code wait} is off and another sealing holds the lock. */
    private boolean sealAll(boolean wait) {
        if (wait) {
            db.sql("SELECT pg_advisory_xact_lock(:key)").param("key", APPEND_LOCK).query().listOfRows();
        } else if (!db.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", APPEND_LOCK).query(Boolean.class).single()) {
            return false;
        }
        // Statements after the lock, so under READ COMMITTED they see what the last sealing committed.
        Optional<ChainHead> head = db.sql("SELECT seq, hash FROM audit.entries WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new ChainHead(rs.getLong("seq"), rs.getBytes("hash")))
                .optional();
        long seq = head.map(ChainHead::seq).orElse(0L);
        byte[] prevHash = head.map(ChainHead::hash).orElse(StoredEntry.GENESIS);
        List<StoredEntry.Unsealed> batch;
        do {
            batch = unsealed();
            List<Object[]> updates = new ArrayList<>(batch.size());
            for (StoredEntry.Unsealed entry : batch) {
                StoredEntry stored = entry.seal(++seq, prevHash);
                updates.add(new Object[] {stored.seq(), stored.prevHash(), stored.hash(), entry.id()});
                prevHash = stored.hash();
            }
            jdbc.batchUpdate("UPDATE audit.entries SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", updates);
        } while (batch.size() == SEAL_BATCH);
        return true;
    }

    private List<StoredEntry.Unsealed> unsealed() {
        return db.sql("""
                SELECT id, occurred_at, actor, action, target, source_ip, outcome, details::text AS details
                FROM audit.entries WHERE seq IS NULL ORDER BY id LIMIT :limit""")
                .param("limit", SEAL_BATCH)
                .query((rs, n) -> new StoredEntry.Unsealed(rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("source_ip"), rs.getString("outcome"),
                        rs.getString("details")))
                .list();
    }
}
