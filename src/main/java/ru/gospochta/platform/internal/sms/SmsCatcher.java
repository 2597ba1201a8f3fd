package ru.gospochta.platform.internal.sms;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.platform.OutgoingSms;

/**
 * The SMS port of the default run: keeps each message in the database and logs it, instead of
 * handing it to an operator. A paid operator adapter replaces it by configuration.
 */
@Component
class SmsCatcher implements OutgoingSms {

    private static final Logger log = LoggerFactory.getLogger(SmsCatcher.class);
    private static final Pattern INTERNATIONAL_NUMBER = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final int MAX_TEXT = 1000;

    private final JdbcClient db;

    SmsCatcher(JdbcClient db) {
        this.db = db;
    }

    record CaughtSms(long id, String phone, String text, Instant sentAt) {
    }

    @Override
    public void send(String phone, String text) {
        if (!INTERNATIONAL_NUMBER.matcher(phone).matches()) {
            throw new IllegalArgumentException("not an international phone number: " + phone);
        }
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("an SMS text must have 1 to " + MAX_TEXT + " characters");
        }
        db.sql("INSERT INTO platform.caught_sms (phone, text) VALUES (:phone, :text)")
                .param("phone", phone).param("text", text).update();
        log.info("SMS caught for {}: {}", phone, text);
    }

    List<CaughtSms> latest(int limit) {
        return db.sql("SELECT id, phone, text, sent_at FROM platform.caught_sms ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new CaughtSms(rs.getLong("id"), rs.getString("phone"), rs.getString("text"),
                        rs.getTimestamp("sent_at").toInstant()))
                .list();
    }
}
