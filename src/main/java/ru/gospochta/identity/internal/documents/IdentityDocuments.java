package ru.gospochta.identity.internal.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.gospochta.identity.AccountState;

/**
 * Passport scans in {@code identity.identity_documents}. Whoever changes documents of an account
 * first locks the account's row ({@link #lockAccount}), then the document's: one order for
 * everyone, so an upload and a decision about the same account wait for each other instead of
 * deadlocking, and two uploads cannot both leave a pending document.
 */
@Repository
class IdentityDocuments {

    private static final String COLUMNS = """
            id, account_id, purpose, stored_name, content_type, size_bytes, uploaded_at, status, reviewer, reason,
            decided_at""";

    /**
     * A pending document as the queue lists it, with the owner's identifiers for masking.
     *
     * @param newPhone the phone an access request asks for; {@code null} for a confirmation
     */
    record Waiting(UUID id, IdentityDocument.Purpose purpose, Instant uploadedAt, String surname, String givenName,
            @Nullable String patronymic, String snils, String phone, @Nullable String newPhone) {
    }

    private final JdbcClient db;

    IdentityDocuments(JdbcClient db) {
        this.db = db;
    }

    /** Locks the account's row for the rest of the transaction; its state, or empty when it is gone. */
    Optional<AccountState> lockAccount(UUID accountId) {
        return db.sql("SELECT state FROM identity.accounts WHERE id = :id FOR UPDATE")
                .param("id", accountId)
                .query((rs, n) -> AccountState.valueOf(rs.getString("state")))
                .optional();
    }

    Optional<IdentityDocument> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM identity.identity_documents WHERE id = :id")
                .param("id", id).query(IdentityDocuments::map).optional();
    }

    /** Call after {@link #lockAccount} for the owner. */
    Optional<IdentityDocument> lockById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM identity.identity_documents WHERE id = :id FOR UPDATE")
                .param("id", id).query(IdentityDocuments::map).optional();
    }

    /**
     * The newest confirmation document of the account: what its owner is told about in the cabinet.
     * Access requests are not shown there: whoever made one had no way into the cabinet.
     */
    Optional<IdentityDocument> latestConfirmationOf(UUID accountId) {
        return db.sql("SELECT " + COLUMNS + " FROM identity.identity_documents WHERE account_id = :account "
                        + "AND purpose = 'CONFIRMATION' ORDER BY uploaded_at DESC, id DESC LIMIT 1")
                .param("account", accountId).query(IdentityDocuments::map).optional();
    }

    /** The account's pending documents of one purpose, oldest first. */
    List<IdentityDocument> pendingOf(UUID accountId, IdentityDocument.Purpose purpose) {
        return db.sql("SELECT " + COLUMNS + " FROM identity.identity_documents WHERE account_id = :account "
                        + "AND purpose = :purpose AND status = 'PENDING' ORDER BY uploaded_at, id")
                .param("account", accountId).param("purpose", purpose.name()).query(IdentityDocuments::map).list();
    }

    /** The oldest pending documents first, at most {@code limit} of them. */
    List<Waiting> queue(int limit) {
        return db.sql("""
                SELECT d.id, d.purpose, d.uploaded_at, a.surname, a.given_name, a.patronymic, a.snils, a.phone,
                    r.new_phone
                FROM identity.identity_documents d JOIN identity.accounts a ON a.id = d.account_id
                    LEFT JOIN identity.access_requests r ON r.document_id = d.id
                WHERE d.status = 'PENDING' ORDER BY d.uploaded_at, d.id LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Waiting(rs.getObject("id", UUID.class),
                        IdentityDocument.Purpose.valueOf(rs.getString("purpose")), instant(rs, "uploaded_at"),
                        rs.getString("surname"), rs.getString("given_name"), rs.getString("patronymic"),
                        rs.getString("snils"), rs.getString("phone"), rs.getString("new_phone")))
                .list();
    }

    long pendingCount() {
        return db.sql("SELECT count(*) FROM identity.identity_documents WHERE status = 'PENDING'")
                .query(Long.class).single();
    }

    void insert(IdentityDocument d) {
        db.sql("""
                INSERT INTO identity.identity_documents (id, account_id, purpose, stored_name, content_type, size_bytes,
                    uploaded_at, status)
                VALUES (:id, :account, :purpose, :storedName, :contentType, :size, :uploadedAt, :status)""")
                .param("id", d.id()).param("account", d.accountId()).param("purpose", d.purpose().name())
                .param("storedName", d.storedName())
                .param("contentType", d.format().mediaType()).param("size", d.sizeBytes())
                .param("uploadedAt", utc(d.uploadedAt())).param("status", d.status().name())
                .update();
    }

    /** The new phone of an access request, stored with its document in the same transaction. */
    void insertAccessRequest(UUID documentId, String newPhone, @Nullable String sourceIp) {
        db.sql("INSERT INTO identity.access_requests (document_id, new_phone, source_ip) VALUES (:id, :phone, :ip)")
                .param("id", documentId).param("phone", newPhone).param("ip", sourceIp).update();
    }

    /** The phone an access request asks for; empty for a confirmation document. */
    Optional<String> newPhoneOf(UUID documentId) {
        return db.sql("SELECT new_phone FROM identity.access_requests WHERE document_id = :id")
                .param("id", documentId).query(String.class).optional();
    }

    void delete(UUID id) {
        db.sql("DELETE FROM identity.identity_documents WHERE id = :id").param("id", id).update();
    }

    /** Records the decision on a pending document; false when it was no longer pending. */
    boolean decide(UUID id, IdentityDocument.Status status, String reviewer, @Nullable String reason, Instant at) {
        return db.sql("""
                UPDATE identity.identity_documents SET status = :status, reviewer = :reviewer, reason = :reason,
                    decided_at = :at
                WHERE id = :id AND status = 'PENDING'""")
                .param("status", status.name()).param("reviewer", reviewer).param("reason", reason)
                .param("at", utc(at)).param("id", id)
                .update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static IdentityDocument map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        String contentType = rs.getString("content_type");
        return new IdentityDocument(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                IdentityDocument.Purpose.valueOf(rs.getString("purpose")), rs.getString("stored_name"),
                ScanFormat.ofMediaType(contentType)
                        .orElseThrow(() -> new IllegalStateException("stored document of type " + contentType)),
                rs.getLong("size_bytes"), instant(rs, "uploaded_at"),
                IdentityDocument.Status.valueOf(rs.getString("status")), rs.getString("reviewer"),
                rs.getString("reason"), decided == null ? null : decided.toInstant());
    }
}
