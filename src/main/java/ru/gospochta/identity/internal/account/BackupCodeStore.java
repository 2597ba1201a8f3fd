package ru.gospochta.identity.internal.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The hashes of an account's ten backup codes and which of them were used. */
@Repository
public class BackupCodeStore {

    private final JdbcClient db;

    public BackupCodeStore(JdbcClient db) {
        this.db = db;
    }

    /** An unused code's place in the set and its hash. */
    public record Unused(int position, String hash) {
    }

    /** A new set; the old one stops working. */
    @Transactional
    public void replace(UUID account, List<String> hashes) {
        db.sql("DELETE FROM identity.backup_codes WHERE account_id = :account").param("account", account).update();
        for (int i = 0; i < hashes.size(); i++) {
            db.sql("INSERT INTO identity.backup_codes (account_id, position, code_hash) VALUES (:account, :position, :hash)")
                    .param("account", account).param("position", i).param("hash", hashes.get(i)).update();
        }
    }

    public List<Unused> unused(UUID account) {
        return db.sql("SELECT position, code_hash FROM identity.backup_codes WHERE account_id = :account AND used_at IS NULL "
                        + "ORDER BY position")
                .param("account", account)
                .query((rs, n) -> new Unused(rs.getInt("position"), rs.getString("code_hash")))
                .list();
    }

    /** Marks the code used; false when it was used meanwhile (two tabs racing with one code). */
    public boolean use(UUID account, int position, Instant at) {
        return db.sql("UPDATE identity.backup_codes SET used_at = :at WHERE account_id = :account AND position = :position "
                        + "AND used_at IS NULL")
                .param("at", at.atOffset(ZoneOffset.UTC)).param("account", account).param("position", position)
                .update() == 1;
    }

    public void clear(UUID account) {
        db.sql("DELETE FROM identity.backup_codes WHERE account_id = :account").param("account", account).update();
    }
}
