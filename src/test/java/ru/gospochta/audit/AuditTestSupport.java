package ru.gospochta.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.AuditSealed;

/** Reading the audit table, and superuser access to it, for the audit tests. */
final class AuditTestSupport {

    private AuditTestSupport() {
    }

    /** A row of audit.entries as the tests look at it. */
    record AuditRow(long seq, String actor, String action, String target, String sourceIp, String outcome,
            String details) {
    }

    static List<AuditRow> rowsAfter(JdbcClient db, long seq) {
        AuditSealed.await(db);
        return db.sql("""
                SELECT seq, actor, action, target, source_ip, outcome, details::text AS details
                FROM audit.entries WHERE seq > :seq ORDER BY seq""")
                .param("seq", seq)
                .query(AuditRow.class)
                .list();
    }

    static long lastSeq(JdbcClient db) {
        AuditSealed.await(db);
        return db.sql("SELECT coalesce(max(seq), 0) FROM audit.entries").query(Long.class).single();
    }

    /**
     * Runs SQL the way a database superuser bypassing the append-only trigger would. SET LOCAL
     * keeps the bypass inside this transaction, so the pooled connection goes back clean.
     */
    static void asSuperuserBypassingTrigger(PlatformTransactionManager transactions, JdbcClient db, String... statements) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            db.sql("SET LOCAL session_replication_role = replica").update();
            for (String statement : statements) {
                db.sql(statement).update();
            }
        });
    }
}
