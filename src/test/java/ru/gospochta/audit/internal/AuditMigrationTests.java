package ru.gospochta.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import ru.gospochta.TestDatabase;
import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.audit.ChainVerification;

/** A log written while every entry was chained inside its own transaction, taken through the migration that changed that. */
class AuditMigrationTests {

    @Test
    @DisplayName("EVD-3: an audit log written before entries were chained after commit verifies the same after the migration, and new entries chain onto it")
    void oldLogKeepsItsChain() {
        DataSource dataSource = new DriverManagerDataSource(TestDatabase.createDatabase("audit_old_log"));
        migrate(dataSource, "1");
        JdbcClient db = JdbcClient.create(dataSource);
        byte[] previous = StoredEntry.GENESIS;
        for (long seq = 1; seq <= 3; seq++) {
            // As the old code appended: numbered and hashed in the writing transaction.
            StoredEntry entry = new StoredEntry.Unsealed(0, Instant.now().truncatedTo(ChronoUnit.MICROS), "system",
                    "test.before-migration", "entry-" + seq, null, "SUCCESS", "{}").seal(seq, previous);
            db.sql("""
                    INSERT INTO audit.entries (seq, occurred_at, actor, action, target, outcome, details, prev_hash, hash)
                    VALUES (:seq, :at, :actor, :action, :target, :outcome, CAST(:details AS json), :prev, :hash)""")
                    .param("seq", seq).param("at", entry.occurredAt().atOffset(ZoneOffset.UTC)).param("actor", entry.actor())
                    .param("action", entry.action()).param("target", entry.target()).param("outcome", entry.outcome())
                    .param("details", entry.details()).param("prev", entry.prevHash()).param("hash", entry.hash())
                    .update();
            previous = entry.hash();
        }

        migrate(dataSource, "latest");

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        ChainVerifier verifier = new ChainVerifier(dataSource, transactions);
        assertThat(verifier.verify()).extracting(ChainVerification::intact, ChainVerification::entries).containsExactly(true, 3L);
        ChainedAuditLog log = new ChainedAuditLog(db, new JdbcTemplate(dataSource), transactions, verifier, java.time.Duration.ofSeconds(10));
        assertThat(log.record(AuditEntry.of("system", "test.after-migration", "entry-4", AuditOutcome.SUCCESS))).isEqualTo(4);
        assertThat(log.verify()).extracting(ChainVerification::intact, ChainVerification::entries).containsExactly(true, 4L);
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).schemas("audit").defaultSchema("audit").createSchemas(true)
                .locations("classpath:db/migration/audit").target(target).load().migrate();
    }
}
