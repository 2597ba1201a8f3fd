package ru.gospochta.mailbox.internal.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.mailbox.internal.MailboxProperties;

/**
 * The messages of mailboxes. Every query names the account, so a citizen's id of someone else's
 * message finds nothing. Lists run on metadata alone, newest first, continued by keyset.
 */
@Component
class Messages {

    private static final String ROW = """
            m.id, m.direction, m.folder_id, m.agency_id, m.agency_name, m.category, m.subject, m.delivered_at,
            m.read_at IS NOT NULL AS read, m.flagged, m.attachment_count, m.priority, m.due_date""";

    private final JdbcClient db;
    private final ZoneId zone;

    Messages(JdbcClient db, MailboxProperties properties) {
        this.db = db;
        this.zone = properties.timeZone();
    }

    Page<MessageRow> list(UUID account, MessageFilter filter, @Nullable Cursor after, int size) {
        StringBuilder sql = new StringBuilder("SELECT ").append(ROW).append(" FROM mailbox.messages m WHERE m.account = :account");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", account);
        if (filter.folder() != null) {
            sql.append(" AND m.folder_id = :folder");
            params.put("folder", filter.folder());
        }
        if (filter.from() != null) {
            sql.append(" AND m.delivered_at >= :from");
            params.put("from", startOf(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND m.delivered_at < :to");
            params.put("to", startOf(filter.to().plusDays(1)));
        }
        if (filter.direction() != null) {
            sql.append(" AND m.direction = :direction");
            params.put("direction", filter.direction().name());
        }
        if (filter.state() != null) {
            sql.append(filter.state() == ReadState.UNREAD ? " AND m.read_at IS NULL" : " AND m.read_at IS NOT NULL");
        }
        if (filter.category() != null) {
            sql.append(" AND m.category = :category");
            params.put("category", filter.category());
        }
        if (filter.agency() != null) {
            sql.append(" AND m.agency_id = :agency");
            params.put("agency", filter.agency());
        }
        if (filter.query() != null) {
            customPlan();
            sql.append(" AND m.search @@ websearch_to_tsquery('russian', :query)");
            params.put("query", filter.query());
        }
        if (after != null) {
            sql.append(" AND (m.delivered_at, m.id) < (:afterAt, :afterId)");
            params.put("afterAt", utc(after.at()));
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY m.delivered_at DESC, m.id DESC LIMIT :limit");
        params.put("limit", size + 1);
        List<MessageRow> rows = db.sql(sql.toString()).params(params).query(Messages::row).list();
        return Page.of(rows, size, MessageRow::cursor);
    }

    /**
     * A search is planned for its words every time, never from a cached generic plan. Only the words
     * tell whether to walk the mailbox newest first and test each message (a word in most of the
     * system's mail, «заявление») or to start from the full-text index (a rare one). A generic plan,
     * which a prepared statement switches to after a few runs, cannot see them and intersects the
     * account with the index's whole list for the word: every matching message of every mailbox,
     * 80 ms at a million messages and growing with the system rather than with the mailbox. Set for
     * the transaction only; callers are transactional.
     */
    private void customPlan() {
        db.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)").query(String.class).single();
    }

    Optional<MessageRow> row(UUID account, UUID id) {
        return db.sql("SELECT " + ROW + " FROM mailbox.messages m WHERE m.id = :id AND m.account = :account")
                .param("id", id).param("account", account).query(Messages::row).optional();
    }

    Optional<StoredMessage> find(UUID account, UUID id) {
        return db.sql("SELECT " + ROW + """
                        , m.body_text, m.body_html, m.application_ref, m.registration_number, m.sent_at, m.read_at,
                          m.first_opened_at, m.key_version
                        FROM mailbox.messages m WHERE m.id = :id AND m.account = :account""")
                .param("id", id).param("account", account)
                .query((rs, n) -> new StoredMessage(row(rs, n), rs.getBytes("body_text"), rs.getBytes("body_html"),
                        rs.getString("application_ref"), rs.getString("registration_number"), instant(rs, "sent_at"),
                        nullableInstant(rs, "read_at"), nullableInstant(rs, "first_opened_at"), rs.getInt("key_version")))
                .optional();
    }

    /** Marks the first opening (the retrieval evidence); true only for the very first. */
    boolean firstOpen(UUID account, UUID id, Instant at) {
        return db.sql("""
                        UPDATE mailbox.messages SET first_opened_at = :at, read_at = coalesce(read_at, :at)
                        WHERE id = :id AND account = :account AND first_opened_at IS NULL""")
                .param("at", utc(at)).param("id", id).param("account", account).update() == 1;
    }

    boolean markRead(UUID account, UUID id, @Nullable Instant at) {
        String set = at == null ? "read_at = NULL" : "read_at = coalesce(read_at, :at)";
        var statement = db.sql("UPDATE mailbox.messages SET " + set + " WHERE id = :id AND account = :account")
                .param("id", id).param("account", account);
        if (at != null) {
            statement = statement.param("at", utc(at));
        }
        return statement.update() == 1;
    }

    boolean flag(UUID account, UUID id, boolean flagged) {
        return db.sql("UPDATE mailbox.messages SET flagged = :flagged WHERE id = :id AND account = :account")
                .param("flagged", flagged).param("id", id).param("account", account).update() == 1;
    }

    boolean move(UUID account, UUID id, UUID folder) {
        return db.sql("UPDATE mailbox.messages SET folder_id = :folder WHERE id = :id AND account = :account")
                .param("folder", folder).param("id", id).param("account", account).update() == 1;
    }

    /** The agencies the account has mail from, by name. */
    List<Agency> agencies(UUID account) {
        List<Agency> agencies = new ArrayList<>(db.sql("""
                        SELECT DISTINCT ON (agency_id) agency_id, agency_name FROM mailbox.messages
                        WHERE account = :account ORDER BY agency_id, delivered_at DESC""")
                .param("account", account)
                .query((rs, n) -> new Agency(rs.getObject("agency_id", UUID.class), rs.getString("agency_name"))).list());
        agencies.sort(java.util.Comparator.comparing(Agency::name, String.CASE_INSENSITIVE_ORDER));
        return agencies;
    }

    private OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static MessageRow row(ResultSet rs, int n) throws SQLException {
        return new MessageRow(rs.getObject("id", UUID.class), Direction.valueOf(rs.getString("direction")),
                rs.getObject("folder_id", UUID.class), rs.getObject("agency_id", UUID.class), rs.getString("agency_name"),
                rs.getString("category"), rs.getString("subject"), instant(rs, "delivered_at"), rs.getBoolean("read"),
                rs.getBoolean("flagged"), rs.getInt("attachment_count"), rs.getString("priority"),
                rs.getObject("due_date", LocalDate.class));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
