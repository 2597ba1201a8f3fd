package ru.gospochta;


import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Entries recorded inside a transaction are numbered by the sealer shortly after it commits; tests
 * that read the journal by number wait for that first.
 */
public final class AuditSealed {

    private AuditSealed() {
    }

    public static void await(JdbcClient db) {
        within(db, Duration.ofSeconds(10));
    }

    /** Waits at most {@code limit} for every committed entry to be numbered. */
    public static void within(JdbcClient db, Duration limit) {
        org.awaitility.Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(10)).until(() -> !db
                .sql("SELECT EXISTS (SELECT 1 FROM audit.entries WHERE seq IS NULL)").query(Boolean.class).single());
    }
}
