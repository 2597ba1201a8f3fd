package ru.gospochta.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ingest benchmark's raw baseline: the rows the API wrote, copied in again with COPY. */
final class CopyBaseline {

    private final DataSource dataSource;
    private final JdbcClient db;

    CopyBaseline(DataSource dataSource, JdbcClient db) {
        this.dataSource = dataSource;
        this.db = db;
    }

    /**
     * The rows the API wrote, as it wrote them, copied out and copied in again: the floor for the
     * same data. Every table the API writes before its 202 is copied — the gateway's record, the
     * mailbox's message, file and new data key, notify's event and notification (the pipeline's
     * attempts come later and are left out). Rows later work has changed are copied in their
     * state at delivery: the attachment worker has since added the PDFs' text to the search
     * vectors (eight thousand lexemes a PDF, most of a GIN index's work, which the 202 did not
     * wait for), so the copy takes the vectors' subject and body (weights A and B) and the file
     * names (C) as delivery wrote them; the notifications go back to {@code created}. The copy runs
     * in a transaction rolled back afterwards: the reading step finds what the API and the workers
     * left.
     */
    double rate(UUID system, int count) throws Exception {
        String messages = "SELECT id FROM gateway.messages WHERE system_id = '" + system + "'";
        String events = "SELECT id FROM notify.events WHERE message_id IN (" + messages + ")";
        String notifications = "SELECT id FROM notify.notifications WHERE event_id IN (" + events + ")";
        // In the order they are copied in; deleted in the reverse order, each while the rows its choice reads are still there.
        List<Copied> tables = List.of(
                new Copied("gateway.messages", "system_id = '" + system + "'", Map.of()),
                new Copied("mailbox.data_keys", "account IN (SELECT account_id FROM gateway.messages WHERE system_id = '"
                        + system + "')", Map.of()),
                new Copied("mailbox.messages", "id IN (" + messages + ")", Map.of("search", """
                        ts_filter(search, '{a,b}') || setweight(to_tsvector('russian', coalesce((SELECT string_agg(a.file_name,
                        E'\n') FROM mailbox.attachments a WHERE a.message_id = t.id), '')), 'C')""")),
                new Copied("mailbox.attachments", "message_id IN (" + messages + ")", Map.of("text_pending", "true")),
                new Copied("notify.events", "id IN (" + events + ")", Map.of()),
                new Copied("notify.notifications", "id IN (" + notifications + ")", Map.of("status", "'created'",
                        "attempts", "0", "claimed_until", "NULL", "provider", "NULL", "error_code", "NULL",
                        "updated_at", "created_at", "delivered_at", "NULL")));
        List<byte[]> rows = new ArrayList<>();
        for (Copied table : tables) {
            rows.add(copyOut("COPY (SELECT " + table.select(columns(table.name())) + " FROM " + table.name() + " t WHERE "
                    + table.where() + ") TO STDOUT (FORMAT binary)"));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var delete = connection.createStatement()) {
                delete.execute("DELETE FROM notify.attempts WHERE notification_id IN (" + notifications + ")");
                for (Copied table : tables.reversed()) {
                    delete.execute("DELETE FROM " + table.name() + " WHERE " + table.where());
                }
            }
            long started = System.nanoTime();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < tables.size(); i++) {
                copy.copyIn("COPY " + tables.get(i).name() + " FROM STDIN (FORMAT binary)", new ByteArrayInputStream(rows.get(i)));
            }
            double rate = count / ((System.nanoTime() - started) / 1e9);
            connection.rollback();
            return rate;
        }
    }

    /** A table of the baseline: which of its rows, and the columns whose value at delivery differs from now. */
    record Copied(String name, String where, Map<String, String> asDelivered) {

        String select(List<String> columns) {
            return columns.stream().map(c -> asDelivered.getOrDefault(c, c)).collect(Collectors.joining(", "));
        }
    }

    /** The columns of a table ({@code schema.table}) in order. */
    List<String> columns(String table) {
        String[] name = table.split("\\.");
        return db.sql("SELECT column_name FROM information_schema.columns WHERE table_schema = :s AND table_name = :t "
                + "ORDER BY ordinal_position").param("s", name[0]).param("t", name[1]).query(String.class).list();
    }

    /** Rows inserted so far into each table of the application's schemas (the statistics collector's count). */
    Map<String, Long> inserted() throws InterruptedException {
        Thread.sleep(1500); // the counters of the last transactions reach the collector within a second
        Map<String, Long> rows = new TreeMap<>();
        db.sql("SELECT schemaname || '.' || relname, n_tup_ins FROM pg_stat_user_tables")
                .query((rs, i) -> rows.put(rs.getString(1), rs.getLong(2))).list();
        return rows;
    }

    /** What the API wrote a message, by table: every table the API writes before its answer should be among those copied. */
    void printRowsWritten(Map<String, Long> before, int messages) throws InterruptedException {
        StringBuilder line = new StringBuilder("\nRows inserted a message during the ingest:");
        inserted().forEach((table, count) -> {
            double each = (count - before.getOrDefault(table, 0L)) / (double) messages;
            if (each >= 0.01) {
                line.append(String.format(" %s %.2f,", table, each));
            }
        });
        System.out.println(line.substring(0, line.length() - 1));
    }

    // --- (b) reading --------------------------------------------------------------------------

    void copyIn(String sql, byte[] data) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data));
        }
    }

    byte[] copyOut(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            return out.toByteArray();
        }
    }
}
