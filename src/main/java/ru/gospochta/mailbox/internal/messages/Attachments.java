package ru.gospochta.mailbox.internal.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The files of messages: their metadata here, their sealed content in the blob store under the key kept here. */
@Component
class Attachments {

    /** An attachment with where its sealed content lives and which data key sealed it. */
    record Stored(AttachmentInfo info, String blobKey, int keyVersion) {
    }

    private final JdbcClient db;

    Attachments(JdbcClient db) {
        this.db = db;
    }

    /** The blob key of a new attachment; a short prefix spreads the files over folders. */
    static String blobKey(UUID attachment) {
        String id = attachment.toString();
        return "mailbox/" + id.substring(0, 2) + "/" + id;
    }

    List<AttachmentInfo> of(UUID account, UUID message) {
        return db.sql("""
                        SELECT id, message_id, file_name, media_type, size FROM mailbox.attachments
                        WHERE account = :account AND message_id = :message ORDER BY position""")
                .param("account", account).param("message", message)
                .query(Attachments::info).list();
    }

    Optional<Stored> find(UUID account, UUID message, UUID attachment) {
        return db.sql("""
                        SELECT a.id, a.message_id, a.file_name, a.media_type, a.size, a.blob_key, m.key_version
                        FROM mailbox.attachments a JOIN mailbox.messages m ON m.id = a.message_id
                        WHERE a.id = :id AND a.message_id = :message AND a.account = :account AND m.account = :account""")
                .param("id", attachment).param("message", message).param("account", account)
                .query((rs, n) -> new Stored(info(rs, n), rs.getString("blob_key"), rs.getInt("key_version")))
                .optional();
    }

    Page<DocumentRow> documents(UUID account, @Nullable Cursor after, int size) {
        String continued = after == null ? "" : " AND (a.delivered_at, a.id) < (:afterAt, :afterId)";
        var query = db.sql("SELECT a.id, a.message_id, a.file_name, a.media_type, a.size, a.delivered_at, m.agency_name,"
                        + " m.subject FROM mailbox.attachments a JOIN mailbox.messages m ON m.id = a.message_id"
                        + " WHERE a.account = :account" + continued + " ORDER BY a.delivered_at DESC, a.id DESC LIMIT :limit")
                .param("account", account).param("limit", size + 1);
        if (after != null) {
            query = query.param("afterAt", Messages.utc(after.at())).param("afterId", after.id());
        }
        List<DocumentRow> rows = query.query((rs, n) -> new DocumentRow(info(rs, n), Messages.instant(rs, "delivered_at"),
                rs.getString("agency_name"), rs.getString("subject"))).list();
        return Page.of(rows, size, DocumentRow::cursor);
    }

    private static AttachmentInfo info(ResultSet rs, int n) throws SQLException {
        return new AttachmentInfo(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"));
    }
}
