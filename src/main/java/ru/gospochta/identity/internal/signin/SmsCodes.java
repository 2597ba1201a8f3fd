package ru.gospochta.identity.internal.signin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.identity.IdentityProperties;
import ru.gospochta.identity.internal.factors.OneTimeCode;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.platform.OutgoingSms;

/**
 * Six-digit codes sent by SMS: one live code per purpose and phone, 5 minutes and 5 tries each;
 * at most one SMS a minute and ten a day per phone and per source address (ACC-7; the numbers
 * are {@link IdentityProperties.Sms} defaults).
 */
@Service
public class SmsCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;
    private final OneTimeCode codes;
    private final OutgoingSms sms;
    private final MessageSource messages;
    private final Clock clock;
    private final IdentityProperties.Sms limits;

    public SmsCodes(JdbcClient db, OneTimeCode codes, OutgoingSms sms, MessageSource messages, Clock clock,
            IdentityProperties properties) {
        this.db = db;
        this.codes = codes;
        this.sms = sms;
        this.messages = messages;
        this.clock = clock;
        this.limits = properties.sms();
    }

    /** When the code sent expires and when another may be asked for. */
    public record Sent(Instant expiresAt, Instant resendAfter) {
    }

    @Transactional
    public Sent send(Purpose purpose, String phone, @Nullable UUID account, @Nullable String sourceIp, Locale locale) {
        return send(purpose, phone, account, sourceIp, code -> sms.send(phone,
                messages.getMessage("identity.sms." + purpose.name().toLowerCase(), new Object[] {code}, locale)));
    }

    /**
     * A code under the same lifetime, tries and limits, delivered some other way than by SMS (a
     * letter to a confirmed e-mail, ACC-5). The target is whatever the code is checked against
     * later, e.g. {@code "email:ivan@mail.ru"}; the limits count it like a phone.
     */
    @Transactional
    public Sent send(Purpose purpose, String target, @Nullable UUID account, @Nullable String sourceIp,
            Consumer<String> delivery) {
        Instant now = clock.instant();
        checkLimits(target, sourceIp, now);
        String code = OneTimeCode.newCode();
        store(purpose, target, account, codes.hash(code, purpose, target), sourceIp, now);
        delivery.accept(code);
        return new Sent(now.plus(limits.codeLifetime()), now.plus(limits.interval()));
    }

    /** An SMS that carries no code (a notice), under the same limits as codes so it cannot be used to flood a phone. */
    @Transactional
    public Sent sendNotice(String phone, @Nullable String sourceIp, String text) {
        Instant now = clock.instant();
        checkLimits(phone, sourceIp, now);
        db.sql("INSERT INTO identity.sms_sent (phone, source_ip, sent_at) VALUES (:phone, :ip, :now)")
                .param("phone", phone).param("ip", sourceIp).param("now", utc(now)).update();
        sms.send(phone, text);
        return new Sent(now.plus(limits.codeLifetime()), now.plus(limits.interval()));
    }

    private void checkLimits(String phone, @Nullable String sourceIp, Instant now) {
        Optional<Duration> wait = limitWait("phone", phone, limits.perDay(), now);
        if (wait.isEmpty() && sourceIp != null) {
            wait = limitWait("source_ip", sourceIp, limits.perAddressPerDay(), now);
        }
        wait.ifPresent(w -> {
            throw new SmsLimitReached(w);
        });
    }

    private Optional<Duration> limitWait(String column, String value, int perDay, Instant now) {
        record Window(@Nullable OffsetDateTime latest, @Nullable OffsetDateTime oldestToday, long today) {
        }
        Window window = db.sql("SELECT max(sent_at) AS latest, min(sent_at) AS oldest, count(*) AS today FROM identity.sms_sent "
                        + "WHERE " + column + " = :value AND sent_at > :dayAgo")
                .param("value", value).param("dayAgo", utc(now.minus(Duration.ofDays(1))))
                .query((rs, n) -> new Window(rs.getObject("latest", OffsetDateTime.class),
                        rs.getObject("oldest", OffsetDateTime.class), rs.getLong("today")))
                .single();
        if (window.today() >= perDay && window.oldestToday() != null) {
            return Optional.of(Duration.between(now, window.oldestToday().toInstant().plus(Duration.ofDays(1))));
        }
        if (window.latest() != null && window.latest().toInstant().plus(limits.interval()).isAfter(now)) {
            return Optional.of(Duration.between(now, window.latest().toInstant().plus(limits.interval())));
        }
        return Optional.empty();
    }

    /**
     * Checks a typed code against the live one. A wrong try is counted even when the caller's
     * transaction rolls back, so the five tries cannot be reset by an error page.
     *
     * @throws CodeRejected when there is no live code, it expired, its tries are used up, or it is wrong
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = CodeRejected.class)
    public void verify(Purpose purpose, String phone, String typed) {
        Instant now = clock.instant();
        record Live(UUID id, String hash, Instant expiresAt, int attempts) {
        }
        Live live = db.sql("""
                SELECT id, code_hash, expires_at, attempts FROM identity.one_time_codes
                WHERE purpose = :purpose AND target = :target AND consumed_at IS NULL
                ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
                .param("purpose", purpose.name()).param("target", phone)
                .query((rs, n) -> new Live(rs.getObject("id", UUID.class),
                        new String(rs.getBytes("code_hash"), StandardCharsets.US_ASCII),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
                .optional()
                .orElseThrow(() -> new CodeRejected(CodeRejected.Reason.NONE, 0));
        if (!now.isBefore(live.expiresAt())) {
            throw new CodeRejected(CodeRejected.Reason.EXPIRED, 0);
        }
        if (live.attempts() >= limits.codeTries()) {
            throw new CodeRejected(CodeRejected.Reason.EXHAUSTED, 0);
        }
        if (codes.matches(typed, purpose, phone, live.hash())) {
            db.sql("UPDATE identity.one_time_codes SET consumed_at = :now WHERE id = :id")
                    .param("now", utc(now)).param("id", live.id()).update();
            return;
        }
        db.sql("UPDATE identity.one_time_codes SET attempts = attempts + 1 WHERE id = :id").param("id", live.id()).update();
        int left = limits.codeTries() - live.attempts() - 1;
        throw new CodeRejected(left == 0 ? CodeRejected.Reason.EXHAUSTED : CodeRejected.Reason.WRONG, left);
    }

    /**
     * Everything {@link #send} does but the sending, for a target that must not be told apart from
     * a real one (ACC-5: «Забыли пароль?» for an account that does not exist). The limits are
     * checked and spent alike, and a live code is stored whose hash no typed code can match, so
     * {@link #verify} counts its tries and lets it expire exactly as it would a real one.
     */
    @Transactional
    public Sent sendDecoy(Purpose purpose, String target, @Nullable String sourceIp) {
        Instant now = clock.instant();
        checkLimits(target, sourceIp, now);
        byte[] noCode = new byte[32];
        RANDOM.nextBytes(noCode);
        store(purpose, target, null, Base64.getUrlEncoder().withoutPadding().encodeToString(noCode), sourceIp, now);
        return new Sent(now.plus(limits.codeLifetime()), now.plus(limits.interval()));
    }

    /** Replaces the live code of the purpose and target and counts the SMS against the limits. */
    private void store(Purpose purpose, String target, @Nullable UUID account, String codeHash,
            @Nullable String sourceIp, Instant now) {
        db.sql("""
                UPDATE identity.one_time_codes SET consumed_at = :now
                WHERE purpose = :purpose AND target = :target AND consumed_at IS NULL""")
                .param("now", utc(now)).param("purpose", purpose.name()).param("target", target).update();
        db.sql("""
                INSERT INTO identity.one_time_codes (id, purpose, target, account_id, code_hash, created_at, expires_at)
                VALUES (:id, :purpose, :target, :account, :hash, :now, :expires)""")
                .param("id", UUID.randomUUID()).param("purpose", purpose.name()).param("target", target)
                .param("account", account).param("hash", codeHash.getBytes(StandardCharsets.US_ASCII))
                .param("now", utc(now)).param("expires", utc(now.plus(limits.codeLifetime()))).update();
        db.sql("INSERT INTO identity.sms_sent (phone, source_ip, sent_at) VALUES (:phone, :ip, :now)")
                .param("phone", target).param("ip", sourceIp).param("now", utc(now)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
