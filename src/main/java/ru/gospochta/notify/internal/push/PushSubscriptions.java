package ru.gospochta.notify.internal.push;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The browsers subscribed to push notifications, per account (NTF-5). */
@Repository
public class PushSubscriptions {

    private final JdbcClient db;
    private final Clock clock;
    private final int maxPerAccount;

    PushSubscriptions(JdbcClient db, Clock clock, PushProperties properties) {
        this.db = db;
        this.clock = clock;
        this.maxPerAccount = properties.maxPerAccount();
    }

    /** The account's browsers, newest first. */
    public List<Subscription> of(UUID account) {
        return db.sql("SELECT * FROM notify.push_subscriptions WHERE account = :account ORDER BY created_at DESC, id")
                .param("account", account).query(PushSubscriptions::map).list();
    }

    public Optional<Subscription> byId(UUID id) {
        return db.sql("SELECT * FROM notify.push_subscriptions WHERE id = :id").param("id", id)
                .query(PushSubscriptions::map).optional();
    }

    /**
     * Subscribes a browser. A browser known already (by its endpoint) gets the new keys and moves to
     * this account: whoever signs in to a browser last receives its notifications, the one before no
     * longer does. Beyond the limit per account, the oldest browsers are dropped.
     */
    @Transactional
    Subscription subscribe(UUID account, ValidSubscription browser, String userAgent) {
        Instant now = clock.instant();
        UUID id = db.sql("""
                INSERT INTO notify.push_subscriptions (id, account, endpoint, p256dh, auth, user_agent, created_at)
                VALUES (:id, :account, :endpoint, :p256dh, :auth, :userAgent, :now)
                ON CONFLICT (endpoint) DO UPDATE SET account = excluded.account, p256dh = excluded.p256dh,
                    auth = excluded.auth, user_agent = excluded.user_agent, created_at = excluded.created_at,
                    last_success_at = NULL, failures = 0
                RETURNING id""")
                .param("id", UUID.randomUUID()).param("account", account).param("endpoint", browser.endpoint().toString())
                .param("p256dh", browser.p256dh()).param("auth", browser.auth()).param("userAgent", userAgent)
                .param("now", utc(now)).query(UUID.class).single();
        db.sql("""
                DELETE FROM notify.push_subscriptions WHERE account = :account AND id NOT IN (
                    SELECT id FROM notify.push_subscriptions WHERE account = :account
                    ORDER BY created_at DESC, (id = :kept) DESC LIMIT :max)""")
                .param("account", account).param("kept", id).param("max", maxPerAccount).update();
        return byId(id).orElseThrow();
    }

    /** Unsubscribes one of the account's browsers; false when the account has no such browser. */
    public boolean remove(UUID account, UUID id) {
        return db.sql("DELETE FROM notify.push_subscriptions WHERE id = :id AND account = :account")
                .param("id", id).param("account", account).update() > 0;
    }

    /** Forgets a browser the push service no longer knows. */
    void delete(UUID id) {
        db.sql("DELETE FROM notify.push_subscriptions WHERE id = :id").param("id", id).update();
    }

    void delivered(UUID id) {
        db.sql("UPDATE notify.push_subscriptions SET last_success_at = :now, failures = 0 WHERE id = :id")
                .param("now", utc(clock.instant())).param("id", id).update();
    }

    void failed(UUID id) {
        db.sql("UPDATE notify.push_subscriptions SET failures = failures + 1 WHERE id = :id").param("id", id).update();
    }

    private static Subscription map(ResultSet rs, int row) throws SQLException {
        Timestamp success = rs.getTimestamp("last_success_at");
        return new Subscription(rs.getObject("id", UUID.class), rs.getObject("account", UUID.class),
                URI.create(rs.getString("endpoint")), rs.getBytes("p256dh"), rs.getBytes("auth"), rs.getString("user_agent"),
                rs.getTimestamp("created_at").toInstant(), success == null ? null : success.toInstant(), rs.getInt("failures"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
