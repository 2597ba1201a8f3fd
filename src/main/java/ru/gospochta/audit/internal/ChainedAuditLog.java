package ru.gospochta.audit.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.ChainVerification;
import ru.gospochta.platform.OutboxWorkers;
import ru.gospochta.platform.WakeSignal;

/**
 * The audit log over {@code audit.entries}. An entry is written unsealed in the transaction it
 * describes, so it commits or rolls back with it, and takes no lock there. Once that transaction
 * commits, this node's sealer chains the entries committed since the last sealing in the order they
 * were written: numbered, each hashed with the one before — a few milliseconds later, gathering
 * what commits meanwhile, so under load one sealing serves many transactions and the request that
 * wrote an entry neither waits for nor pays for its sealing (when each request sealed its own, eight
 * threads raised 504 events a second on two cores; 787 since). Sealing is serialised by one transaction-scoped advisory lock
 * (across nodes too), so the chain cannot fork. The sealer also looks every
 * {@code gospochta.audit.seal-check} for entries a stopped server left unsealed, and
 * {@link #verify()} seals before it checks.
 */
@Service
class ChainedAuditLog implements AuditLog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainedAuditLog.class);

    /** "audit" in ASCII: the advisory lock key that belongs to this table. */
    static final long APPEND_LOCK = 0x6175646974L;
    /** Entries sealed in one statement batch; more are sealed in further rounds of the same sealing. */
    private static final int SEAL_BATCH = 1_000;
    /** How long the sealer gathers commits after being woken before it seals them together. */
    private static final Duration GATHER = Duration.ofMillis(20);

    private record ChainHead(long seq, byte[] hash) {
    }

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ChainVerifier verifier;
    private final Clock clock = Clock.systemUTC();
    private final WakeSignal committed = new WakeSignal();
    private final OutboxWorkers sealer;

    ChainedAuditLog(JdbcClient db, JdbcTemplate jdbc, PlatformTransactionManager transactions, ChainVerifier verifier,
            @Value("${gospochta.audit.seal-check:10s}") Duration sealCheck) {
        this.db = db;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.verifier = verifier;
        this.sealer = new OutboxWorkers("audit-sealer-", 1, sealCheck, committed, this::sealRound);
    }

    @Override
    public long record(AuditEntry entry) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            write(entry);
            committed.wakeAfterCommit();
            return 0;
        }
        // A read-only caller cannot insert; reading something is still worth an entry of its own,
        // written and sealed in one transaction (a sealing sees its own transaction's entry).
        return Objects.requireNonNull(ownTransaction.execute(status -> {
            long id = write(entry);
            sealAll();
            return db.sql("SELECT seq FROM audit.entries WHERE id = :id").param("id", id).query(Long.class).single();
        }));
    }

    @Override
    public ChainVerification verify() {
        seal();
        return verifier.verify();
    }

    /**
     * One round of the sealer, when woken by a commit or every {@code seal-check}: gathers for a
     * moment, then seals what has committed. A failure is the workers' to log and retry.
     */
    private int sealRound() {
        try {
            Thread.sleep(GATHER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        seal();
        return 0;
    }

    @Override
    public void start() {
        sealer.start();
    }

    /** Stops the sealer, sealing once more what the last requests committed. */
    @Override
    public void stop() {
        sealer.stop();
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn("Audit entries left unsealed at shutdown are sealed at the next start: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return sealer.running();
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

    /** Chains every committed unsealed entry, waiting for a sealing in progress to end first. */
    private void seal() {
        ownTransaction.executeWithoutResult(status -> sealAll());
    }

    /** In the caller's transaction, after any sealing in progress (on any node) has ended. */
    private void sealAll() {
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
            List<Object[]> updates = new ArrayList<>(batch.size());
            for (StoredEntry.Unsealed entry : batch) {
                StoredEntry stored = entry.seal(++seq, prevHash);
                updates.add(new Object[] {stored.seq(), stored.prevHash(), stored.hash(), entry.id()});
                prevHash = stored.hash();
            }
            jdbc.batchUpdate("UPDATE audit.entries SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", updates);
        } while (batch.size() == SEAL_BATCH);
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
