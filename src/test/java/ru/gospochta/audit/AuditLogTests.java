package ru.gospochta.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.AuditSealed;
import ru.gospochta.IntegrationTest;
import ru.gospochta.audit.AuditTestSupport.AuditRow;

/** The audit log on the shared test database: other tests write to it too, so only deltas count. */
@IntegrationTest
class AuditLogTests {

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient db;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    @DisplayName("SEC-4: an entry keeps who, what, to what, when, from where, the outcome and its details")
    void keepsEveryField() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long seq = auditLog.record(AuditEntry.of("staff:tester", "message.read", "message:42", AuditOutcome.SUCCESS)
                .from("203.0.113.7")
                .with("folder", "Входящие")
                .with("channel", "web \"cabinet\""));

        AuditRow row = AuditTestSupport.rowsAfter(db, seq - 1).getFirst();
        assertThat(row).isEqualTo(new AuditRow(seq, "staff:tester", "message.read", "message:42", "203.0.113.7",
                "SUCCESS", "{\"channel\":\"web \\\"cabinet\\\"\",\"folder\":\"Входящие\"}"));
        OffsetDateTime occurredAt = db.sql("SELECT occurred_at FROM audit.entries WHERE seq = :seq")
                .param("seq", seq).query(OffsetDateTime.class).single();
        assertThat(occurredAt.toInstant()).isBetween(before, Instant.now());
    }

    @Test
    @DisplayName("EVD-3: each entry carries the previous entry's hash, and the first one 32 zero bytes")
    void chainsEachEntryToThePreviousOne() {
        long first = auditLog.record(AuditEntry.of("system", "test.chain", "one", AuditOutcome.SUCCESS));
        long second = auditLog.record(AuditEntry.of("system", "test.chain", "two", AuditOutcome.FAILURE));

        assertThat(second).isEqualTo(first + 1);
        assertThat(prevHash(second)).hasSize(32).isEqualTo(hash(first)).isNotEqualTo(hash(second));
        assertThat(prevHash(1)).isEqualTo(new byte[32]);
    }

    @Test
    @DisplayName("EVD-3: verify reports an intact chain and counts every entry")
    void verifiesIntactChain() {
        for (int i = 0; i < 3; i++) {
            auditLog.record(AuditEntry.of("system", "test.verify", "entry-" + i, AuditOutcome.SUCCESS));
        }

        ChainVerification verification = auditLog.verify();

        long stored = AuditTestSupport.lastSeq(db);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(stored);
        assertThat(verification.message()).isEqualTo("chain intact, " + stored + " entries");
    }

    @Test
    @DisplayName("EVD-3: the database refuses UPDATE, DELETE and TRUNCATE of audit entries")
    void refusesChangesThroughTheNormalPath() {
        long seq = auditLog.record(AuditEntry.of("system", "test.append-only", "row", AuditOutcome.SUCCESS));

        assertThatThrownBy(() -> db.sql("UPDATE audit.entries SET actor = 'staff:someone-else' WHERE seq = :seq")
                .param("seq", seq).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM audit.entries WHERE seq = :seq").param("seq", seq).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("TRUNCATE audit.entries").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(AuditTestSupport.rowsAfter(db, seq - 1).getFirst().actor()).isEqualTo("system");
    }

    @Test
    @DisplayName("EVD-3: the one change the database lets through is sealing an unsealed entry as written; content changed on the way, or an unsealed entry deleted, is refused")
    void sealingCannotCarryChanges() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            long id = db.sql("""
                    INSERT INTO audit.entries (occurred_at, actor, action, target, outcome, details)
                    VALUES (now(), 'system', 'test.unsealed', 'row', 'SUCCESS', CAST('{}' AS json)) RETURNING id""")
                    .query(Long.class).single();
            for (String change : List.of(
                    "UPDATE audit.entries SET seq = 999999999, prev_hash = hash_of, hash = hash_of, actor = 'staff:someone-else' WHERE id = :id",
                    "UPDATE audit.entries SET target = 'another' WHERE id = :id",
                    "DELETE FROM audit.entries WHERE id = :id")) {
                Object savepoint = status.createSavepoint();
                assertThatThrownBy(() -> db.sql(change.replace("hash_of", "sha256('x'::bytea)")).param("id", id).update())
                        .as(change).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
                status.rollbackToSavepoint(savepoint);
            }
        });
    }

    @Test
    @DisplayName("EVD-3: appends from eight threads at once still form one unbroken chain without gaps")
    void concurrentAppendsKeepOneChain() throws Exception {
        long before = AuditTestSupport.lastSeq(db);
        int threads = 8;
        int perThread = 25;
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String writer = "writer-" + t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        auditLog.record(AuditEntry.of("system", "test.concurrent", writer + "/" + i, AuditOutcome.SUCCESS));
                    }
                }));
            }
        }
        for (Future<?> writer : writers) {
            writer.get();
        }

        List<AuditRow> written = AuditTestSupport.rowsAfter(db, before);
        assertThat(written).extracting(AuditRow::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + threads * perThread).boxed().toList());
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("SEC-4: an entry recorded inside a transaction rolls back with it and leaves no gap")
    void joinsTheCallersTransaction() {
        long before = AuditTestSupport.lastSeq(db);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            auditLog.record(AuditEntry.of("system", "test.rolled-back", "gone", AuditOutcome.SUCCESS));
            status.setRollbackOnly();
        });

        long next = auditLog.record(AuditEntry.of("system", "test.after-rollback", "kept", AuditOutcome.SUCCESS));

        assertThat(next).isEqualTo(before + 1);
        assertThat(AuditTestSupport.rowsAfter(db, before)).extracting(AuditRow::action).containsExactly("test.after-rollback");
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("SEC-4: reading inside a read-only transaction is still journalled, in a transaction of its own")
    void recordsFromReadOnlyTransaction() {
        long before = AuditTestSupport.lastSeq(db);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);

        readOnly.executeWithoutResult(status ->
                auditLog.record(AuditEntry.of("staff:tester", "message.read", "message:7", AuditOutcome.SUCCESS)));

        assertThat(AuditTestSupport.rowsAfter(db, before)).extracting(AuditRow::target).containsExactly("message:7");
    }

    @Test
    @DisplayName("SEC-4: an audited transaction holds nothing of the chain while it runs, so others' entries are not kept waiting")
    void noLockWhileTheCallerRuns() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService caller = Executors.newSingleThreadExecutor()) {
            Future<?> longTransaction = caller.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                auditLog.record(AuditEntry.of("system", "test.long-transaction", "slow", AuditOutcome.SUCCESS));
                recorded.countDown();
                try {
                    finish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try {
                assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
                // Before the change this waited for the other transaction to end: the chain's lock was its.
                long other = CompletableFuture.supplyAsync(() -> auditLog.record(
                        AuditEntry.of("system", "test.meanwhile", "quick", AuditOutcome.SUCCESS))).get(5, TimeUnit.SECONDS);
                assertThat(other).isPositive();
            } finally {
                finish.countDown();
            }
            longTransaction.get(30, TimeUnit.SECONDS);
        }

        AuditSealed.await(db);
        long slow = db.sql("SELECT seq FROM audit.entries WHERE action = 'test.long-transaction' ORDER BY id DESC LIMIT 1")
                .query(Long.class).single();
        assertThat(slow).as("sealed shortly after its transaction committed").isPositive();
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("EVD-3: entries committed by many transactions are chained by the sealer within moments, without anyone verifying, in the order they were written")
    void sealerChainsCommittedEntries() {
        long before = AuditTestSupport.lastSeq(db);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (int i = 0; i < 20; i++) {
            String target = "entry-" + i;
            transaction.executeWithoutResult(status -> auditLog.record(AuditEntry.of("system", "test.sealer", target,
                    AuditOutcome.SUCCESS)));
        }

        // Well inside the periodic look (10 s): the commits themselves woke the sealer.
        AuditSealed.within(db, Duration.ofSeconds(3));
        assertThat(db.sql("SELECT target FROM audit.entries WHERE seq > :seq AND action = 'test.sealer' ORDER BY seq")
                .param("seq", before).query(String.class).list())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "entry-" + i).toList());
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("EVD-3: an entry committed but left unsealed (its server stopped at once) is chained by the next sealing")
    void leftoverSealed() {
        long before = AuditTestSupport.lastSeq(db);
        db.sql("""
                INSERT INTO audit.entries (occurred_at, actor, action, target, outcome, details)
                VALUES (now(), 'system', 'test.left-unsealed', 'crash', 'SUCCESS', CAST('{}' AS json))""").update();

        assertThat(auditLog.verify().intact()).isTrue();
        assertThat(AuditTestSupport.rowsAfter(db, before)).extracting(AuditRow::action).contains("test.left-unsealed");
    }

    private byte[] hash(long seq) {
        return db.sql("SELECT hash FROM audit.entries WHERE seq = :seq").param("seq", seq).query(byte[].class).single();
    }

    private byte[] prevHash(long seq) {
        return db.sql("SELECT prev_hash FROM audit.entries WHERE seq = :seq").param("seq", seq).query(byte[].class).single();
    }
}
