package ru.gospochta.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.TestDatabase;

/**
 * The statements PostgreSQL spent its time on, from {@code pg_stat_statements}, when the benchmark
 * runs with {@code -Dbench.statements=true} (the embedded server then loads the extension):
 * where to look when a table's "of it PG" column grows.
 */
final class Statements {

    private Statements() {
    }

    /** How the server writes, so a table says whether its figures include flushing every commit to disk. */
    static void printDurability(JdbcClient db) {
        System.out.println(db.sql("SELECT 'Database: fsync ' || current_setting('fsync') || ', synchronous_commit '"
                + " || current_setting('synchronous_commit') || ', full_page_writes ' || current_setting('full_page_writes')")
                .query(String.class).single());
    }

    /** The server's write-ahead log so far: records, full-page images and bytes. */
    record Wal(long records, long fullPages, long bytes, long checkpoints) {

        static Wal now(JdbcClient db) {
            return db.sql("SELECT wal_records, wal_fpi, wal_bytes::bigint, (SELECT num_timed + num_requested FROM pg_stat_checkpointer) "
                            + "FROM pg_stat_wal")
                    .query((rs, i) -> new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
        }

        /** What was logged since {@code before}, per {@code unit} of work: where a write-heavy step's disk time goes. */
        String since(Wal before, int units, String unit) {
            double bytes = (this.bytes - before.bytes) / (double) units;
            return String.format("WAL a %s: %.1f KB in %.1f records, %.2f full-page images (%.0f%% of the bytes at most); "
                            + "%d checkpoints began meanwhile",
                    unit, bytes / 1024, (records - before.records) / (double) units, (fullPages - before.fullPages) / (double) units,
                    Math.min(100, 100 * 8192 * (fullPages - before.fullPages) / (double) units / bytes), checkpoints - before.checkpoints);
        }
    }

    static void reset(JdbcClient db) {
        if (Boolean.getBoolean(TestDatabase.STATEMENTS)) {
            db.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            db.sql("SELECT pg_stat_statements_reset()").query().singleRow();
        }
    }

    static void print(JdbcClient db, String title) {
        if (!Boolean.getBoolean(TestDatabase.STATEMENTS)) {
            return;
        }
        System.out.println("== " + title + ", by time in the server ==");
        System.out.printf("%10s %10s %10s %10s  %s%n", "calls", "ms", "rows", "pages/row", "statement");
        db.sql("""
                        SELECT calls, round(total_exec_time::numeric, 1) AS ms, rows,
                               round((shared_blks_hit + shared_blks_read)::numeric / greatest(rows, calls), 1) AS pages,
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS statement
                        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20""")
                .query((rs, i) -> String.format("%10d %10s %10d %10s  %s", rs.getLong("calls"), rs.getBigDecimal("ms"),
                        rs.getLong("rows"), rs.getBigDecimal("pages"), rs.getString("statement")))
                .list().forEach(System.out::println);
    }
}
