package ru.gospochta.notify;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A notification's journal as the tests compare it: one {@code status:error_code:provider} an attempt, in order. */
final class Attempts {

    private Attempts() {
    }

    static List<String> of(JdbcClient db, UUID notification) {
        return db.sql("""
                        SELECT status || ':' || coalesce(error_code, '') || ':' || coalesce(provider, '')
                        FROM notify.attempts WHERE notification_id = :id ORDER BY id""")
                .param("id", notification).query(String.class).list();
    }
}
