package ru.gospochta.identity.internal.signin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** «Журнал входов» (ACC-6): each sign-in attempt on an account, newest first, the last 100 kept in view. */
@Repository
public class SignInJournal {

    public static final int SHOWN = 100;

    /** What happened: signed in, wrong password, wrong second factor, refused while waiting. */
    public enum Result { SUCCESS, WRONG_PASSWORD, WRONG_SECOND_FACTOR, LOCKED }

    public record Entry(Instant at, @Nullable String sourceIp, @Nullable String device, Result result) {
    }

    private final JdbcClient db;

    public SignInJournal(JdbcClient db) {
        this.db = db;
    }

    public void record(UUID account, Instant at, @Nullable String sourceIp, @Nullable String device, Result result) {
        db.sql("""
                INSERT INTO identity.sign_in_journal (account_id, at, source_ip, device, result)
                VALUES (:account, :at, :ip, :device, :result)""")
                .param("account", account).param("at", at.atOffset(ZoneOffset.UTC)).param("ip", sourceIp)
                .param("device", device).param("result", result.name()).update();
    }

    public List<Entry> latest(UUID account) {
        return db.sql("""
                SELECT at, source_ip, device, result FROM identity.sign_in_journal
                WHERE account_id = :account ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("account", account).param("limit", SHOWN)
                .query((rs, n) -> new Entry(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("source_ip"),
                        rs.getString("device"), Result.valueOf(rs.getString("result"))))
                .list();
    }
}
