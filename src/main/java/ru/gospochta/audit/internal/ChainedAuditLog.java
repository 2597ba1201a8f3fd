package ru.gospochta.audit.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * transaction-scoped advisory lock (across nodes too), so the chain cannot fork; a sealing that
 * finds its entry already sealed by another is over at once. An entry whose server stopped between
 * its commit and its sealing is sealed by the next sealing, at the latest by the periodic one.
 */
@Service
class ChainedAuditLog implements AuditLog {

    /** "audit" in ASCII: the advisory lock key that belongs to this table. */
    static final long APPEND_LOCK = 0x6175646974L;
    /** Entries sealed in one statement batch; more are sealed in further rounds of the same sealing. */
    private static final int SEAL_BATCH = 1_000;

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
        // A read-only caller cannot insert; reading something is still worth an entry of its own.
        long id = Objects.requireNonNull(ownTransaction.execute(status -> write(entry)));
        seal();
        return db.sql("SELECT seq FROM audit.entries WHERE id = :id").param("id", id).query(Long.class).single();
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

    private final class SealAfterCommit implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            seal();
        }
    }

    /** Chains every committed unsealed entry, oldest first, in a transaction of its own. */
    void seal() {
        ownTransaction.executeWithoutResult(status -> {
            db.sql("SELECT pg_advisory_xact_lock(:key)").param("key", APPEND_LOCK).query().listOfRows();
            // Statements after the lock, so under READ COMMITTED they see what the last sealing committed.
            Optional<ChainHead> head = db.sql("SELECT seq, hash FROM audit.entries WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")
                    .query((rs, n) -> new ChainHead(rs.getLong("seq"), rs.getBytes("hash")))
                    .optional();
            long seq = head.map(ChainHead::seq).orElse(0L);
            byte[] prevHash = head.map(ChainHead::hash).orElse(StoredEntry.GENESIS);
            List<StoredEntry.Unsealed> batch;
            do {
                batch = unsealed();
                List<Object[]> updates = new java.util.ArrayList<>(batch.size());
                for (StoredEntry.Unsealed entry : batch) {
                    StoredEntry stored = entry.seal(++seq, prevHash);
                    updates.add(new Object[] {stored.seq(), stored.prevHash(), stored.hash(), entry.id()});
                    prevHash = stored.hash();
                }
                jdbc.batchUpdate("UPDATE audit.entries SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", updates);
            } while (batch.size() == SEAL_BATCH);
        });
    }

    private List<StoredEntry.Unsealed> unsealed() {
        return db.sql("""
                SELECT id, occurred_at, actor, action, target, source_ip, outcome, details::text AS details
                FROM audit.entries WHERE seq IS NULL ORDER BY id LIMIT :limit""")
                .param("limit", SEAL_BATCH)
                .query((rs, n) -> new StoredEntry.Unsealed(rs.getLong("id"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("source_ip"), rs.getString("outcome"),
                        rs.getString("details")))
                .list();
    }
}
