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
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> !db
                .sql("SELECT EXISTS (SELECT 1 FROM audit.entries WHERE seq IS NULL)").query(Boolean.class).single());
    }
}
