package ru.gospochta.identity.internal.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The confirmed backup phone of an account (CNT-5), in {@code identity.backup_phones}. At most one
 * per account, and a number is the backup of one account at most, so a number typed to recover
 * access leads to one account ({@link Accounts#byBackupPhone}).
 */
@Repository
public class BackupPhones {

    private final JdbcClient db;

    public BackupPhones(JdbcClient db) {
        this.db = db;
    }

    /** The account's backup phone in E.164, if it has one. */
    public Optional<String> of(UUID account) {
        return db.sql("SELECT phone FROM identity.backup_phones WHERE account_id = :account")
                .param("account", account).query(String.class).optional();
    }

    /** The account whose backup phone this is. */
    public Optional<UUID> accountWith(String e164) {
        return db.sql("SELECT account_id FROM identity.backup_phones WHERE phone = :phone")
                .param("phone", e164).query(UUID.class).optional();
    }

    /**
     * Sets or replaces the account's backup phone. Call it after checking {@link #accountWith};
     * should another account take the number in between, the unique column refuses this one with
     * a {@link org.springframework.dao.DuplicateKeyException}, which ends the caller's transaction.
     */
    public void set(UUID account, String e164, Instant confirmedAt) {
        db.sql("""
                INSERT INTO identity.backup_phones (account_id, phone, confirmed_at) VALUES (:account, :phone, :at)
                ON CONFLICT (account_id) DO UPDATE SET phone = excluded.phone, confirmed_at = excluded.confirmed_at""")
                .param("account", account).param("phone", e164).param("at", confirmedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** False when the account had no backup phone. */
    public boolean remove(UUID account) {
        return db.sql("DELETE FROM identity.backup_phones WHERE account_id = :account")
                .param("account", account).update() == 1;
    }
}
