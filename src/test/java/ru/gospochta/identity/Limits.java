package ru.gospochta.identity;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every test request comes from 127.0.0.1, so per-address waits and SMS limits would carry from
 * one test into the next; each test starts with none.
 */
public final class Limits {

    private Limits() {
    }

    public static void reset(JdbcClient db) {
        db.sql("DELETE FROM identity.sign_in_throttles").update();
        db.sql("DELETE FROM identity.sms_sent").update();
    }

    /** The code in the latest SMS caught for the phone. */
    public static String lastCode(JdbcClient db, String phone) {
        String text = lastSms(db, phone);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no code in the SMS: " + text);
        }
        return m.group(1);
    }

    public static String lastSms(JdbcClient db, String phone) {
        return db.sql("SELECT text FROM platform.caught_sms WHERE phone = :phone ORDER BY id DESC LIMIT 1")
                .param("phone", phone).query(String.class).optional()
                .orElseThrow(() -> new AssertionError("no SMS caught for " + phone));
    }

    public static long smsCount(JdbcClient db, String phone) {
        return db.sql("SELECT count(*) FROM platform.caught_sms WHERE phone = :phone").param("phone", phone)
                .query(Long.class).single();
    }
}
