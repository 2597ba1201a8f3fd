package ru.gospochta.audit.internal;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.audit.ChainVerification;
import ru.gospochta.audit.ChainVerification.Break;
import ru.gospochta.audit.ChainVerification.Problem;

/**
 * Walks {@code audit.entries} in sequence order and checks every link. The rows are streamed
 * through a server-side cursor (a fetch size inside a transaction), so the log's size does not
 * matter to memory; one statement means one consistent snapshot while appends go on.
 */
@Component
class ChainVerifier {

    private static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    ChainVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    ChainVerification verify() {
        return Objects.requireNonNull(readOnly.execute(status -> streaming.query("""
                SELECT seq, occurred_at, actor, action, target, source_ip, outcome, details::text AS details, prev_hash, hash
                FROM audit.entries WHERE seq IS NOT NULL ORDER BY seq""", ChainVerifier::walk)));
    }

    private static ChainVerification walk(ResultSet rows) throws SQLException {
        long count = 0;
        long expectedSeq = 1;
        byte[] previousHash = StoredEntry.GENESIS;
        Break firstBreak = null;
        while (rows.next()) {
            count++;
            if (firstBreak != null) {
                continue;
            }
            StoredEntry entry = read(rows);
            firstBreak = check(entry, expectedSeq, previousHash);
            expectedSeq = entry.seq() + 1;
            previousHash = entry.hash();
        }
        return firstBreak == null ? ChainVerification.intact(count) : ChainVerification.broken(count, firstBreak);
    }

    /**
     * A missing number is reported first, as the clearest account of a deletion; otherwise the
     * entry after a gap would only show up as a broken link.
     */
    private static @Nullable Break check(StoredEntry entry, long expectedSeq, byte[] previousHash) {
        if (entry.seq() != expectedSeq) {
            String missing = entry.seq() - expectedSeq == 1
                    ? "entry " + expectedSeq + " is missing"
                    : "entries " + expectedSeq + " to " + (entry.seq() - 1) + " are missing";
            return new Break(expectedSeq, Problem.ENTRY_MISSING,
                    "gap in sequence numbers, " + missing + " (deleted)");
        }
        if (!MessageDigest.isEqual(entry.prevHash(), previousHash)) {
            String previous = expectedSeq == 1 ? "the chain's start (32 zero bytes)" : "entry " + (expectedSeq - 1);
            return new Break(entry.seq(), Problem.LINK_BROKEN,
                    "prev-hash link broken, it does not match the hash of " + previous);
        }
        if (!MessageDigest.isEqual(entry.expectedHash(), entry.hash())) {
            return new Break(entry.seq(), Problem.CONTENT_CHANGED,
                    "content hash mismatch, the entry was changed after it was written");
        }
        return null;
    }

    private static StoredEntry read(ResultSet rows) throws SQLException {
        return new StoredEntry(
                rows.getLong("seq"),
                rows.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rows.getString("actor"),
                rows.getString("action"),
                rows.getString("target"),
                rows.getString("source_ip"),
                rows.getString("outcome"),
                rows.getString("details"),
                rows.getBytes("prev_hash"),
                rows.getBytes("hash"));
    }
}
