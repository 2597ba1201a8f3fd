package ru.gospochta.mailbox.internal.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The folders of mailboxes (MBX-1): the three system folders everyone has and each citizen's own,
 * named uniquely within the mailbox (case aside) and never like a system folder in either language.
 */
@Component
public class Folders {

    static final int MAX_NAME = 60;
    static final int MAX_OWN = 100;
    private static final Set<String> SYSTEM_NAMES = Set.of("входящие", "архив", "подозрительные", "inbox", "archive",
            "suspicious", "исходящие", "черновики", "outbox", "sent", "drafts");

    private final JdbcClient db;
    private final Clock clock;

    Folders(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Inbox, archive and suspicious first, then the citizen's own by name; each with its unread count. */
    public List<Folder> of(UUID account) {
        return db.sql("""
                        SELECT f.id, f.kind, f.name, coalesce(u.unread, 0) AS unread
                        FROM mailbox.folders f
                        LEFT JOIN (SELECT folder_id, count(*) AS unread FROM mailbox.messages
                                   WHERE account = :account AND read_at IS NULL GROUP BY folder_id) u ON u.folder_id = f.id
                        WHERE f.account IS NULL OR f.account = :account
                        ORDER BY CASE f.kind WHEN 'INBOX' THEN 0 WHEN 'ARCHIVE' THEN 1 WHEN 'SUSPICIOUS' THEN 2 ELSE 3 END,
                                 lower(f.name), f.id""")
                .param("account", account)
                .query(Folders::folder).list();
    }

    /** A system folder, or an own folder of this account; empty for anyone else's. */
    public Optional<Folder> find(UUID account, UUID id) {
        return db.sql("""
                        SELECT f.id, f.kind, f.name,
                               (SELECT count(*) FROM mailbox.messages m
                                WHERE m.account = :account AND m.folder_id = f.id AND m.read_at IS NULL) AS unread
                        FROM mailbox.folders f WHERE f.id = :id AND (f.account IS NULL OR f.account = :account)""")
                .param("account", account).param("id", id)
                .query(Folders::folder).optional();
    }

    public long unreadTotal(UUID account) {
        return db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :account AND read_at IS NULL")
                .param("account", account).query(Long.class).single();
    }

    Folder create(UUID account, String typed) {
        String name = checkedName(typed);
        Long own = db.sql("SELECT count(*) FROM mailbox.folders WHERE account = :account").param("account", account)
                .query(Long.class).single();
        if (own >= MAX_OWN) {
            throw new FolderRefused(FolderRefused.Reason.TOO_MANY);
        }
        UUID id = UUID.randomUUID();
        try {
            db.sql("INSERT INTO mailbox.folders (id, account, kind, name, created_at) VALUES (:id, :account, 'OWN', :name, :at)")
                    .param("id", id).param("account", account).param("name", name)
                    .param("at", java.sql.Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException taken) {
            throw new FolderRefused(FolderRefused.Reason.NAME_TAKEN);
        }
        return new Folder(id, FolderKind.OWN, name, 0);
    }

    /** @return false when the account has no such own folder */
    boolean rename(UUID account, UUID id, String typed) {
        String name = checkedName(typed);
        try {
            return db.sql("UPDATE mailbox.folders SET name = :name WHERE id = :id AND account = :account AND kind = 'OWN'")
                    .param("name", name).param("id", id).param("account", account).update() == 1;
        } catch (DuplicateKeyException taken) {
            throw new FolderRefused(FolderRefused.Reason.NAME_TAKEN);
        }
    }

    /**
     * Deletes an own folder; its messages go back to «Входящие», since deleting a folder must never
     * delete official mail. @return how many messages went back, or -1 when there is no such own folder
     */
    long delete(UUID account, UUID id) {
        int moved = db.sql("""
                        UPDATE mailbox.messages SET folder_id = :inbox
                        WHERE account = :account AND folder_id = :id
                          AND EXISTS (SELECT 1 FROM mailbox.folders WHERE id = :id AND account = :account)""")
                .param("inbox", FolderKind.INBOX.id()).param("account", account).param("id", id).update();
        int deleted = db.sql("DELETE FROM mailbox.folders WHERE id = :id AND account = :account AND kind = 'OWN'")
                .param("id", id).param("account", account).update();
        return deleted == 1 ? moved : -1;
    }

    static String checkedName(String typed) {
        String name = typed.strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            throw new FolderRefused(FolderRefused.Reason.NAME_BLANK);
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new FolderRefused(FolderRefused.Reason.NAME_TOO_LONG);
        }
        // Control and bidirectional-format characters make a name look like another one.
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new FolderRefused(FolderRefused.Reason.NAME_INVALID);
        }
        if (SYSTEM_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new FolderRefused(FolderRefused.Reason.NAME_TAKEN);
        }
        return name;
    }

    private static Folder folder(ResultSet rs, int row) throws SQLException {
        return new Folder(rs.getObject("id", UUID.class), FolderKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getLong("unread"));
    }
}
