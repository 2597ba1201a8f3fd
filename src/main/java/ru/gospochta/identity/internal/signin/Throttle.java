package ru.gospochta.identity.internal.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.identity.IdentityProperties;

/**
 * Counts wrong answers per subject (an identifier typed at sign-in, a source address) and makes
 * the subject wait after five of them (by default): 15 minutes the first time, 60
 * minutes on every repetition until a success (ACC-7). Subjects are the typed identifier, not the
 * account, so an unknown login earns exactly the same waits as a real one.
 */
@Component
public class Throttle {

    private final JdbcClient db;
    private final Clock clock;
    private final IdentityProperties.SignIn limits;

    public Throttle(JdbcClient db, Clock clock, IdentityProperties properties) {
        this.db = db;
        this.clock = clock;
        this.limits = properties.signIn();
    }

    /** How long the subject must still wait, if it must. */
    public Optional<Duration> waitFor(String subject) {
        Instant now = clock.instant();
        return db.sql("SELECT locked_until FROM identity.sign_in_throttles WHERE subject = :subject")
                .param("subject", subject)
                .query((rs, n) -> rs.getObject("locked_until", OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant)
                .filter(now::isBefore)
                .map(until -> Duration.between(now, until));
    }

    /**
     * Records a wrong answer in its own transaction, so a failed sign-in that rolls back still
     * counts. Returns the wait it started, if this failure was the last one allowed.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<Duration> recordFailure(String subject) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Row row = db.sql("""
                INSERT INTO identity.sign_in_throttles (subject, failures, lockouts, last_failure)
                VALUES (:subject, 1, 0, :now)
                ON CONFLICT (subject) DO UPDATE SET failures = sign_in_throttles.failures + 1, last_failure = :now
                RETURNING failures, lockouts""")
                .param("subject", subject).param("now", now)
                .query((rs, n) -> new Row(rs.getInt("failures"), rs.getInt("lockouts")))
                .single();
        if (row.failures() < limits.failuresBeforeWait()) {
            return Optional.empty();
        }
        Duration wait = row.lockouts() == 0 ? limits.firstWait() : limits.repeatedWait();
        db.sql("""
                UPDATE identity.sign_in_throttles
                SET failures = 0, lockouts = lockouts + 1, locked_until = :until WHERE subject = :subject""")
                .param("until", now.plus(wait)).param("subject", subject).update();
        return Optional.of(wait);
    }

    /** A right answer forgives what came before. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String subject) {
        db.sql("DELETE FROM identity.sign_in_throttles WHERE subject = :subject").param("subject", subject).update();
    }

    private record Row(int failures, int lockouts) {
    }
}
