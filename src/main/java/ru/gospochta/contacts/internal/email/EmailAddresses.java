package ru.gospochta.contacts.internal.email;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The e-mail addresses of accounts and their live confirmations. */
@Repository
public class EmailAddresses {

    public enum Status { UNCONFIRMED, CONFIRMED, SUSPENDED }

    /** One address of an account, as stored (ASCII form). */
    public record Stored(UUID id, UUID account, String address, Status status, Instant createdAt,
            @Nullable Instant confirmedAt, @Nullable String suspendedReason) {
    }

    /** The live confirmation of a waiting address. */
    public record Confirmation(UUID addressId, String codeHash, String tokenHash, Instant sentAt, Instant codeExpiresAt,
            Instant linkExpiresAt, int attempts) {
    }

    private final JdbcClient db;

    public EmailAddresses(JdbcClient db) {
        this.db = db;
    }

    /** The primary address in force (confirmed or suspended) and the one waiting to replace it. */
    public List<Stored> primaryOf(UUID account) {
        return db.sql("SELECT * FROM contacts.email_addresses WHERE account_id = :account AND kind = 'PRIMARY' "
                        + "ORDER BY created_at").param("account", account).query(EmailAddresses::map).list();
    }

    public Optional<Stored> waiting(UUID account) {
        return primaryOf(account).stream().filter(a -> a.status() == Status.UNCONFIRMED).findFirst();
    }

    public Optional<Stored> inForce(UUID account) {
        return primaryOf(account).stream().filter(a -> a.status() != Status.UNCONFIRMED).findFirst();
    }

    /** A new waiting address; an earlier waiting one is replaced. */
    public UUID addWaiting(UUID account, String address, Instant now) {
        db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = 'PRIMARY' AND status = 'UNCONFIRMED'")
                .param("account", account).update();
        UUID id = UUID.randomUUID();
        db.sql("""
                INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at)
                VALUES (:id, :account, 'PRIMARY', :address, 'UNCONFIRMED', :now)""")
                .param("id", id).param("account", account).param("address", address).param("now", utc(now)).update();
        return id;
    }

    public void saveConfirmation(Confirmation c) {
        db.sql("""
                INSERT INTO contacts.email_confirmations (address_id, code_hash, token_hash, sent_at, code_expires_at,
                    link_expires_at, attempts)
                VALUES (:id, :code, :token, :sent, :codeExpires, :linkExpires, 0)
                ON CONFLICT (address_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, token_hash = EXCLUDED.token_hash,
                    sent_at = EXCLUDED.sent_at, code_expires_at = EXCLUDED.code_expires_at,
                    link_expires_at = EXCLUDED.link_expires_at, attempts = 0""")
                .param("id", c.addressId()).param("code", c.codeHash()).param("token", c.tokenHash())
                .param("sent", utc(c.sentAt())).param("codeExpires", utc(c.codeExpiresAt()))
                .param("linkExpires", utc(c.linkExpiresAt())).update();
    }

    /** The confirmation, locked for the rest of the caller's transaction (a try is being counted). */
    public Optional<Confirmation> confirmationOf(UUID addressId) {
        return db.sql("SELECT * FROM contacts.email_confirmations WHERE address_id = :id FOR UPDATE")
                .param("id", addressId).query(EmailAddresses::mapConfirmation).optional();
    }

    /** The confirmation as it stands, for showing a page; takes no lock. */
    public Optional<Confirmation> currentConfirmation(UUID addressId) {
        return db.sql("SELECT * FROM contacts.email_confirmations WHERE address_id = :id")
                .param("id", addressId).query(EmailAddresses::mapConfirmation).optional();
    }

    public Optional<Confirmation> confirmationByToken(String tokenHash) {
        return db.sql("SELECT * FROM contacts.email_confirmations WHERE token_hash = :token FOR UPDATE")
                .param("token", tokenHash).query(EmailAddresses::mapConfirmation).optional();
    }

    /** The account a confirmed address belongs to; compared without regard to case. */
    public Optional<UUID> confirmedOwner(String address) {
        return db.sql("SELECT account_id FROM contacts.email_addresses WHERE lower(address) = lower(:address) "
                        + "AND status = 'CONFIRMED' AND kind = 'PRIMARY'")
                .param("address", address).query(UUID.class).optional();
    }

    public Optional<Stored> byId(UUID id) {
        return db.sql("SELECT * FROM contacts.email_addresses WHERE id = :id").param("id", id)
                .query(EmailAddresses::map).optional();
    }

    public void countWrongCode(UUID addressId) {
        db.sql("UPDATE contacts.email_confirmations SET attempts = attempts + 1 WHERE address_id = :id")
                .param("id", addressId).update();
    }

    /** The waiting address takes over: the one in force (if any) goes, the confirmation is spent. */
    public void confirm(Stored waiting, Instant now) {
        db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = 'PRIMARY' AND status <> 'UNCONFIRMED'")
                .param("account", waiting.account()).update();
        db.sql("DELETE FROM contacts.email_confirmations WHERE address_id = :id").param("id", waiting.id()).update();
        db.sql("UPDATE contacts.email_addresses SET status = 'CONFIRMED', confirmed_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", waiting.id()).update();
    }

    /** The confirmed primary address: the only one letters may go to (a suspended one may not). */
    public Optional<String> deliverable(UUID account) {
        return db.sql("SELECT address FROM contacts.email_addresses WHERE account_id = :account AND kind = 'PRIMARY' "
                + "AND status = 'CONFIRMED'").param("account", account).query(String.class).optional();
    }

    /**
     * Suspends every primary address added at or before the cut-off and never confirmed, unless
     * another address of the account is in force (then it is only a replacement still waiting, and
     * letters keep going to the one in force). The UPDATE claims the rows: a second node running
     * the same statement waits for the first, finds the status changed and returns nothing, so
     * each address is suspended, and its holder told, once. Their codes and links go too.
     */
    public List<Stored> suspendUnconfirmed(Instant addedBefore, Instant now) {
        return db.sql("""
                WITH suspended AS (
                    UPDATE contacts.email_addresses a
                    SET status = 'SUSPENDED', suspended_at = :now, suspended_reason = 'UNCONFIRMED_30_DAYS'
                    WHERE a.kind = 'PRIMARY' AND a.status = 'UNCONFIRMED' AND a.created_at <= :cutoff
                      AND NOT EXISTS (SELECT 1 FROM contacts.email_addresses b WHERE b.account_id = a.account_id
                          AND b.kind = a.kind AND b.status <> 'UNCONFIRMED')
                    RETURNING a.*),
                spent AS (
                    DELETE FROM contacts.email_confirmations WHERE address_id IN (SELECT id FROM suspended))
                SELECT * FROM suspended""")
                .param("now", utc(now)).param("cutoff", utc(addedBefore)).query(EmailAddresses::map).list();
    }

    /**
     * Suspends the confirmed address after a hard bounce: of the given account, or of every account
     * that has it when the account is not known (a letter sent by address alone).
     */
    public List<Stored> suspendBounced(@Nullable UUID account, String address, Instant now) {
        Map<String, Object> params = new HashMap<>(Map.of("now", utc(now), "address", address));
        if (account != null) {
            params.put("account", account);
        }
        return db.sql("UPDATE contacts.email_addresses SET status = 'SUSPENDED', suspended_at = :now, "
                        + "suspended_reason = 'HARD_BOUNCE' WHERE lower(address) = lower(:address) AND status = 'CONFIRMED'"
                        + (account == null ? "" : " AND account_id = :account") + " RETURNING *")
                .params(params).query(EmailAddresses::map).list();
    }

    /** Every primary address of the account, in force or waiting: mail to it stops at once. */
    public int deleteAll(UUID account) {
        return db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = 'PRIMARY'")
                .param("account", account).update();
    }

    /**
     * Every address of the account, primary and backup, in force or waiting, with their live
     * confirmations: the account keeps no e-mail at all.
     */
    public int deleteEveryKind(UUID account) {
        return db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account")
                .param("account", account).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Stored map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("address"),
                Status.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "confirmed_at"),
                rs.getString("suspended_reason"));
    }

    private static Confirmation mapConfirmation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Confirmation(rs.getObject("address_id", UUID.class), rs.getString("code_hash"), rs.getString("token_hash"),
                instant(rs, "sent_at"), instant(rs, "code_expires_at"), instant(rs, "link_expires_at"), rs.getInt("attempts"));
    }
}
