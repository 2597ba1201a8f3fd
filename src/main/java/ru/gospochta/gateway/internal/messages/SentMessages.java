package ru.gospochta.gateway.internal.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code gateway.messages}, the registration number sequence and the daily counts. */
@Repository
class SentMessages {

    private final JdbcClient db;

    SentMessages(JdbcClient db) {
        this.db = db;
    }

    /** {@code n} fresh registration numbers of the year, in one round trip. */
    List<String> registrationNumbers(int n, int year) {
        return db.sql("SELECT nextval('gateway.registration_numbers') FROM generate_series(1, :n)")
                .param("n", n).query(Long.class).list().stream()
                .map(seq -> String.format("GP-%d-%010d", year, seq))
                .toList();
    }

    /** A message row with the routing facts the sender never sees. */
    record Row(SentMessage message, UUID agencyId, String recipientKind, @Nullable UUID account, String category) {
    }

    /** Writes the messages in one statement, their columns as arrays. */
    void insertAll(List<Row> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] systems = new UUID[n];
        UUID[] agencies = new UUID[n];
        Boolean[] sandbox = new Boolean[n];
        String[] numbers = new String[n];
        String[] kinds = new String[n];
        String[] masked = new String[n];
        UUID[] accounts = new UUID[n];
        String[] categories = new String[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        String[] accepted = new String[n];
        String[] delivered = new String[n];
        String[] undeliverable = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            SentMessage m = row.message();
            ids[i] = m.id();
            systems[i] = m.systemId();
            agencies[i] = row.agencyId();
            sandbox[i] = m.sandbox();
            numbers[i] = m.registrationNumber();
            kinds[i] = row.recipientKind();
            masked[i] = m.recipientMasked();
            accounts[i] = row.account();
            categories[i] = row.category();
            statuses[i] = m.status();
            reasons[i] = m.reason();
            accepted[i] = m.acceptedAt().toString();
            delivered[i] = m.deliveredAt() == null ? null : m.deliveredAt().toString();
            undeliverable[i] = m.undeliverableAt() == null ? null : m.undeliverableAt().toString();
        }
        db.sql("""
                        INSERT INTO gateway.messages (id, system_id, agency_id, sandbox, registration_number, recipient_kind,
                            recipient_masked, account_id, category, status, reason, accepted_at, delivered_at, undeliverable_at)
                        SELECT * FROM unnest(:ids::uuid[], :systems::uuid[], :agencies::uuid[], :sandbox::boolean[],
                            :numbers::text[], :kinds::text[], :masked::text[], :accounts::uuid[], :categories::text[],
                            :statuses::text[], :reasons::text[], :accepted::timestamptz[], :delivered::timestamptz[],
                            :undeliverable::timestamptz[])""")
                .param("ids", ids).param("systems", systems).param("agencies", agencies).param("sandbox", sandbox)
                .param("numbers", numbers).param("kinds", kinds).param("masked", masked).param("accounts", accounts)
                .param("categories", categories).param("statuses", statuses).param("reasons", reasons)
                .param("accepted", accepted).param("delivered", delivered).param("undeliverable", undeliverable).update();
    }

    /** The message if this system sent it; another system's message is as absent as a missing one. */
    Optional<SentMessage> ofSystem(UUID id, UUID systemId) {
        return db.sql("SELECT * FROM gateway.messages WHERE id = :id AND system_id = :system")
                .param("id", id).param("system", systemId).query(SentMessages::map).optional();
    }

    /**
     * The citizen opened it: delivered → read, once.
     *
     * @return the system that sent it, when this changed its status
     */
    Optional<UUID> markRead(UUID id, Instant at) {
        return db.sql("""
                UPDATE gateway.messages SET status = 'read', read_at = :at WHERE id = :id AND status = 'delivered'
                RETURNING system_id""")
                .param("at", utc(at)).param("id", id).query(UUID.class).optional();
    }

    /** Today's count of the system so far, as committed. */
    long countedToday(UUID systemId, LocalDate day) {
        return db.sql("SELECT messages FROM gateway.daily_usage WHERE system_id = :system AND day = :day")
                .param("system", systemId).param("day", day).query(Long.class).optional().orElse(0L);
    }

    /** Adds to today's count of the system and returns the new total. */
    long countToday(UUID systemId, LocalDate day, int messages) {
        return db.sql("""
                INSERT INTO gateway.daily_usage (system_id, day, messages) VALUES (:system, :day, :n)
                ON CONFLICT (system_id, day) DO UPDATE SET messages = daily_usage.messages + EXCLUDED.messages
                RETURNING messages""")
                .param("system", systemId).param("day", day).param("n", messages).query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static SentMessage map(ResultSet rs, int row) throws SQLException {
        return new SentMessage(rs.getObject("id", UUID.class), rs.getObject("system_id", UUID.class),
                rs.getString("registration_number"), rs.getBoolean("sandbox"), rs.getString("recipient_masked"),
                rs.getString("status"), rs.getString("reason"), instant(rs, "accepted_at"), instant(rs, "delivered_at"),
                instant(rs, "read_at"), instant(rs, "undeliverable_at"));
    }
}
