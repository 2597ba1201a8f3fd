package ru.gospochta.identity.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.AuditSealed;

/** What the tests read back: document rows, files in the documents folder, audit entries, caught SMS. */
final class DocumentRows {

    record Row(UUID id, String storedName, String contentType, long sizeBytes, String status, String reviewer,
            String reason) {
    }

    record AuditRow(String actor, String action, String target, String outcome, String details) {
    }

    private DocumentRows() {
    }

    static List<Row> of(JdbcClient db, UUID accountId) {
        return db.sql("""
                SELECT id, stored_name, content_type, size_bytes, status, reviewer, reason
                FROM identity.identity_documents WHERE account_id = :account ORDER BY uploaded_at""")
                .param("account", accountId).query(Row.class).list();
    }

    static Set<String> files(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long lastAuditSeq(JdbcClient db) {
        AuditSealed.await(db);
        return db.sql("SELECT coalesce(max(seq), 0) FROM audit.entries").query(Long.class).single();
    }

    static List<AuditRow> auditAfter(JdbcClient db, long seq, String action) {
        AuditSealed.await(db);
        return db.sql("""
                SELECT actor, action, target, outcome, details::text AS details FROM audit.entries
                WHERE seq > :seq AND action = :action ORDER BY seq""")
                .param("seq", seq).param("action", action).query(AuditRow.class).list();
    }

    static boolean smsCaught(JdbcClient db, String phone, String text) {
        return db.sql("SELECT count(*) FROM platform.caught_sms WHERE phone = :phone AND text = :text")
                .param("phone", phone).param("text", text).query(Long.class).single() > 0;
    }
}
