package ru.gospochta.gateway.internal.messages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code Idempotency-Key} (GW-2): the first answer to a key is kept with a hash of the body. The
 * key's row is claimed before the work, inside the work's transaction, so a concurrent retry with
 * the same key waits on the row and then replays the answer instead of sending twice. Keys are
 * kept per endpoint: the same key on messages and on events names two different calls.
 */
@Component
class IdempotencyKeys {

    static final int MAX_KEY = 255;

    /** An answer as it went out, to send again byte for byte. */
    record Answer(int status, String contentType, String body) {
    }

    /** The same key came with another body (HTTP 409). */
    static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("idempotency key reused with another body");
        }
    }

    private final JdbcClient db;

    IdempotencyKeys(JdbcClient db) {
        this.db = db;
    }

    /**
     * Runs {@code work} once per system, endpoint and key; a repeat with the same body gets the
     * stored answer.
     *
     * @param endpoint the family of calls the key belongs to, e.g. {@code messages}
     * @throws KeyReused when the key was used with another body
     */
    @Transactional
    Replayable once(UUID systemId, String endpoint, String key, byte[] bodyHash, Supplier<Answer> work) {
        int claimed = db.sql("""
                INSERT INTO gateway.idempotency_keys (system_id, endpoint, key, request_hash, response_status,
                    response_type, response_body, created_at) VALUES (:system, :endpoint, :key, :hash, 0, '', '', :now)
                ON CONFLICT (system_id, endpoint, key) DO NOTHING""")
                .param("system", systemId).param("endpoint", endpoint).param("key", key).param("hash", bodyHash)
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        if (claimed == 0) {
            Stored stored = db.sql("SELECT request_hash, response_status, response_type, response_body "
                            + "FROM gateway.idempotency_keys WHERE system_id = :system AND endpoint = :endpoint AND key = :key")
                    .param("system", systemId).param("endpoint", endpoint).param("key", key)
                    .query((rs, n) -> new Stored(rs.getBytes(1), new Answer(rs.getInt(2), rs.getString(3), rs.getString(4))))
                    .single();
            if (!Arrays.equals(stored.hash(), bodyHash)) {
                throw new KeyReused();
            }
            return new Replayable(stored.answer(), true);
        }
        Answer answer = work.get();
        db.sql("UPDATE gateway.idempotency_keys SET response_status = :status, response_type = :type, response_body = :body "
                        + "WHERE system_id = :system AND endpoint = :endpoint AND key = :key")
                .param("status", answer.status()).param("type", answer.contentType()).param("body", answer.body())
                .param("system", systemId).param("endpoint", endpoint).param("key", key).update();
        return new Replayable(answer, false);
    }

    /** Without a key every call is new. */
    Replayable none(Supplier<Answer> work) {
        return new Replayable(work.get(), false);
    }

    record Replayable(Answer answer, boolean replayed) {
    }

    private record Stored(byte[] hash, Answer answer) {
    }

    static Optional<String> valid(String key) {
        return key == null || key.isBlank() || key.length() > MAX_KEY ? Optional.empty() : Optional.of(key);
    }
}
