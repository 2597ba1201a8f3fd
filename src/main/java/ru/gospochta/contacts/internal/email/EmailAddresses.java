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

    /**
     * The main address receives letters and signs in; the backup one (CNT-5) receives letters when
     * the main one cannot, and is a way to recover the password (ACC-5).
     */
    public enum Kind { PRIMARY, BACKUP }

    /** One address of an account, as stored (ASCII form). */
    public record Stored(UUID id, UUID account, Kind kind, String address, Status status, Instant createdAt,
            @Nullable Instant confirmedAt, @Nullable String suspendedReason) {
    }

    /** A waiting replacement that was never confirmed and has been dropped. */
    public record Expired(UUID account, Kind kind, String address) {
    }

    /** The live confirmation of a waiting address. */
    public record Confirmation(UUID addressId, String codeHash, String tokenHash, Instant sentAt, Instant codeExpiresAt,
            Instant linkExpiresAt, int attempts) {
    }

    private final JdbcClient db;

    public EmailAddresses(JdbcClient db) {
        this.db = db;
    }

    /** The address of a kind in force (confirmed or suspended) and the one waiting to replace it. */
    public List<Stored> of(UUID account, Kind kind) {
        return db.sql("SELECT * FROM contacts.email_addresses WHERE account_id = :account AND kind = :kind "
                        + "ORDER BY created_at").param("account", account).param("kind", kind.name())
                .query(EmailAddresses::map).list();
    }

    public Optional<Stored> waiting(UUID account, Kind kind) {
        return of(account, kind).stream().filter(a -> a.status() == Status.UNCONFIRMED).findFirst();
    }

    public Optional<Stored> inForce(UUID account, Kind kind) {
        return of(account, kind).stream().filter(a -> a.status() != Status.UNCONFIRMED).findFirst();
    }

    /** The main address in force. */
    public Optional<Stored> inForce(UUID account) {
        return inForce(account, Kind.PRIMARY);
    }

    /** A new waiting address; an earlier waiting one of the same kind is replaced. */
    public UUID addWaiting(UUID account, Kind kind, String address, Instant now) {
        db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = :kind AND status = 'UNCONFIRMED'")
                .param("account", account).param("kind", kind.name()).update();
        UUID id = UUID.randomUUID();
        db.sql("""
                INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at)
                VALUES (:id, :account, :kind, :address, 'UNCONFIRMED', :now)""")
                .param("id", id).param("account", account).param("kind", kind.name()).param("address", address)
                .param("now", utc(now)).update();
        return id;
    }

    /** Puts an address back in force as confirmed (a disputed change undone); the other of its kind goes. */
    public void restore(UUID account, Kind kind, String address, Instant now) {
        db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = :kind")
                .param("account", account).param("kind", kind.name()).update();
        db.sql("""
                INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                VALUES (:id, :account, :kind, :address, 'CONFIRMED', :now, :now)""")
                .param("id", UUID.randomUUID()).param("account", account).param("kind", kind.name())
                .param("address", address).param("now", utc(now)).update();
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

    /**
     * The account whose confirmed address of one of the kinds this is; compared without regard to
     * case. An address that several accounts confirmed (a family's shared mailbox) names none of
     * them: it still receives their letters, but cannot say whose account is meant.
     */
    public Optional<UUID> confirmedOwner(String address, Kind... kinds) {
        List<UUID> owners = db.sql("SELECT DISTINCT account_id FROM contacts.email_addresses "
                        + "WHERE lower(address) = lower(:address) AND status = 'CONFIRMED' AND kind IN (:kinds)")
                .param("address", address).param("kinds", java.util.Arrays.stream(kinds).map(Kind::name).toList())
                .query(UUID.class).list();
        return owners.size() == 1 ? Optional.of(owners.getFirst()) : Optional.empty();
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
        db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = :kind AND status <> 'UNCONFIRMED'")
                .param("account", waiting.account()).param("kind", waiting.kind().name()).update();
        db.sql("DELETE FROM contacts.email_confirmations WHERE address_id = :id").param("id", waiting.id()).update();
        db.sql("UPDATE contacts.email_addresses SET status = 'CONFIRMED', confirmed_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", waiting.id()).update();
    }

    /**
     * Where letters go: the confirmed main address, or the confirmed backup one when the main one
     * is missing or suspended. A suspended or unconfirmed address never receives letters.
     */
    public Optional<String> deliverable(UUID account) {
        return db.sql("SELECT address FROM contacts.email_addresses WHERE account_id = :account AND status = 'CONFIRMED' "
                        + "ORDER BY kind = 'PRIMARY' DESC LIMIT 1")
                .param("account", account).query(String.class).optional();
    }

    /** {@link #deliverable(UUID)} of many accounts at once: the primary address where both are confirmed. */
    public java.util.Map<UUID, String> deliverable(java.util.Collection<UUID> accounts) {
        java.util.Map<UUID, String> found = new java.util.HashMap<>();
        if (accounts.isEmpty()) {
            return found;
        }
        db.sql("SELECT DISTINCT ON (account_id) account_id, address FROM contacts.email_addresses "
                        + "WHERE account_id = ANY(:accounts) AND status = 'CONFIRMED' ORDER BY account_id, kind = 'PRIMARY' DESC")
                .param("accounts", accounts.toArray(UUID[]::new))
                .query((rs, n) -> found.put(rs.getObject("account_id", UUID.class), rs.getString("address"))).list();
        return found;
    }

    /**
     * Suspends every address added at or before the cut-off and never confirmed, unless
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
                    WHERE a.status = 'UNCONFIRMED' AND a.created_at <= :cutoff
                      AND NOT EXISTS (SELECT 1 FROM contacts.email_addresses b WHERE b.account_id = a.account_id
                          AND b.kind = a.kind AND b.status <> 'UNCONFIRMED')
                    RETURNING a.*),
                spent AS (
                    DELETE FROM contacts.email_confirmations WHERE address_id IN (SELECT id FROM suspended))
                SELECT * FROM suspended""")
                .param("now", utc(now)).param("cutoff", utc(addedBefore)).query(EmailAddresses::map).list();
    }

    /**
     * Suspends the confirmed address after a hard bounce or a complaint (the reason stored): of the
     * given account, or of every account that has it when the account is not known (a letter sent
     * by address alone, a report read from the bounce mailbox). One already suspended stays as it is.
     */
    public List<Stored> suspendBounced(@Nullable UUID account, String address, String reason, Instant now) {
        Map<String, Object> params = new HashMap<>(Map.of("now", utc(now), "address", address, "reason", reason));
        if (account != null) {
            params.put("account", account);
        }
        return db.sql("UPDATE contacts.email_addresses SET status = 'SUSPENDED', suspended_at = :now, "
                        + "suspended_reason = :reason WHERE lower(address) = lower(:address) AND status = 'CONFIRMED'"
                        + (account == null ? "" : " AND account_id = :account") + " RETURNING *")
                .params(params).query(EmailAddresses::map).list();
    }

    /**
     * Drops replacements added at or before the cut-off and never confirmed while another address of
     * their kind is in force. The address in force keeps working; the stale one simply goes, and
     * claiming by DELETE … RETURNING makes a second node find nothing.
     */
    public List<Expired> expireReplacements(Instant addedBefore) {
        return db.sql("""
                DELETE FROM contacts.email_addresses a
                WHERE a.status = 'UNCONFIRMED' AND a.created_at <= :cutoff
                  AND EXISTS (SELECT 1 FROM contacts.email_addresses b WHERE b.account_id = a.account_id
                      AND b.kind = a.kind AND b.status <> 'UNCONFIRMED')
                RETURNING a.account_id, a.kind, a.address""")
                .param("cutoff", utc(addedBefore))
                .query((rs, n) -> new Expired(rs.getObject("account_id", UUID.class), Kind.valueOf(rs.getString("kind")),
                        rs.getString("address")))
                .list();
    }

    /** The account's addresses of one kind, in force or waiting: mail to them stops at once. */
    public int delete(UUID account, Kind kind) {
        return db.sql("DELETE FROM contacts.email_addresses WHERE account_id = :account AND kind = :kind")
                .param("account", account).param("kind", kind.name()).update();
    }

    /** Every address of the account, of both kinds, in force or waiting. */
    public int deleteAll(UUID account) {
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
        return new Stored(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                Kind.valueOf(rs.getString("kind")), rs.getString("address"),
                Status.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "confirmed_at"),
                rs.getString("suspended_reason"));
    }

    private static Confirmation mapConfirmation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Confirmation(rs.getObject("address_id", UUID.class), rs.getString("code_hash"), rs.getString("token_hash"),
                instant(rs, "sent_at"), instant(rs, "code_expires_at"), instant(rs, "link_expires_at"), rs.getInt("attempts"));
    }
}
