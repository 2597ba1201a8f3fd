package ru.gospochta.audit.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.ChainVerification;

/**
 * The audit log over {@code audit.entries}. Appends are serialised by one transaction-scoped
 * advisory lock, so every append sees the entry committed just before it and the chain cannot
 * fork. The lock is held until the appending transaction ends: an entry recorded inside a long
 * business transaction holds up every other writer until then. One lock per append is the
 * throughput ceiling; when it matters, seal entries in batches or keep one chain per partition.
 */
@Service
class ChainedAuditLog implements AuditLog {

    /** "audit" in ASCII: the advisory lock key that belongs to this table. */
    static final long APPEND_LOCK = 0x6175646974L;

    private record ChainHead(long seq, byte[] hash) {
    }

    private final JdbcClient db;
    private final TransactionTemplate ownTransaction;
    private final ChainVerifier verifier;
    private final Clock clock = Clock.systemUTC();

    ChainedAuditLog(JdbcClient db, PlatformTransactionManager transactions, ChainVerifier verifier) {
        this.db = db;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.verifier = verifier;
    }

    @Override
    public long record(AuditEntry entry) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return append(entry);
        }
        // A read-only caller cannot insert; reading something is still worth an entry of its own.
        return Objects.requireNonNull(ownTransaction.execute(status -> append(entry)));
    }

    @Override
    public ChainVerification verify() {
        return verifier.verify();
    }

    private long append(AuditEntry entry) {
        db.sql("SELECT pg_advisory_xact_lock(:key)").param("key", APPEND_LOCK).query().listOfRows();
        // A separate statement after the lock, so under READ COMMITTED it sees the last committed
        // entry. A REPEATABLE READ caller whose snapshot predates the lock sees an older head; the
        // primary key then refuses its insert instead of letting the chain fork.
        Optional<ChainHead> head = db.sql("SELECT seq, hash FROM audit.entries ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new ChainHead(rs.getLong("seq"), rs.getBytes("hash")))
                .optional();
        long seq = head.map(h -> h.seq() + 1).orElse(1L);
        byte[] prevHash = head.map(ChainHead::hash).orElse(StoredEntry.GENESIS);
        StoredEntry stored = StoredEntry.seal(seq, clock.instant(), entry, prevHash);
        db.sql("""
                INSERT INTO audit.entries (seq, occurred_at, actor, action, target, source_ip, outcome, details, prev_hash, hash)
                VALUES (:seq, :occurredAt, :actor, :action, :target, :sourceIp, :outcome, CAST(:details AS json),
                        :prevHash, :hash)""")
                .param("seq", stored.seq())
                .param("occurredAt", stored.occurredAt().atOffset(ZoneOffset.UTC))
                .param("actor", stored.actor())
                .param("action", stored.action())
                .param("target", stored.target())
                .param("sourceIp", stored.sourceIp(), Types.VARCHAR)
                .param("outcome", stored.outcome())
                .param("details", stored.details())
                .param("prevHash", stored.prevHash())
                .param("hash", stored.hash())
                .update();
        return seq;
    }
}
