package ru.gospochta.gateway.internal.callbacks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.platform.OutboxWorkers;

/**
 * Takes due callbacks to agency systems (GW-3), as notify's dispatcher takes notifications to
 * providers: a worker claims a batch with {@code FOR UPDATE SKIP LOCKED} and commits the claim,
 * posts with no database connection held, then records every attempt in one short transaction. Any
 * number of nodes may run workers on one database; a claim left by a node that died runs out and
 * the callback is taken again. Delivery is at least once and in no particular order: the receiver
 * recognises a repeat by {@code Gospochta-Callback-Id} and orders by the payload's {@code at}.
 */
@Component
public class CallbackDispatcher implements SmartLifecycle {

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final CallbackSender sender;
    private final CallbackResults results;
    private final CallbackProperties properties;
    private final Clock clock;
    private final OutboxWorkers workers;

    CallbackDispatcher(JdbcClient db, TransactionTemplate transactions, CallbackSender sender, CallbackResults results,
            CallbackSignal signal, CallbackProperties properties, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.sender = sender;
        this.results = results;
        this.workers = new OutboxWorkers("gateway-callbacks-", properties.workers(), properties.poll(), signal, this::sendOnce);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Claims and sends one batch of due callbacks.
     *
     * @return how many were claimed
     */
    public int sendOnce() {
        List<Claimed> claimed = transactions.execute(status -> claim());
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        List<CallbackSender.Sending> sending = new ArrayList<>(claimed.size());
        for (Claimed c : claimed) {
            sending.add(sender.start(c));
        }
        List<Attempt> attempts = new ArrayList<>(claimed.size());
        for (CallbackSender.Sending s : sending) {
            attempts.add(sender.finish(s));
        }
        transactions.executeWithoutResult(status -> results.record(attempts));
        return claimed.size();
    }

    /** Sends everything due now, batch after batch; for tests. */
    public int sendAll() {
        int total = 0;
        for (int n = sendOnce(); n > 0; n = sendOnce()) {
            total += n;
        }
        return total;
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return db.sql("""
                        WITH due AS (
                            SELECT id FROM gateway.callbacks
                            WHERE status = 'pending' AND next_attempt_at <= :now
                            ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED),
                        claimed AS (
                            UPDATE gateway.callbacks c SET attempts = c.attempts + 1, next_attempt_at = :until
                            FROM due WHERE c.id = due.id
                            RETURNING c.id, c.system_id, c.payload, c.attempts, c.created_at)
                        SELECT claimed.*, s.callback_url, s.callback_secret
                        FROM claimed JOIN gateway.systems s ON s.id = claimed.system_id""")
                .param("now", utc(now)).param("until", utc(now.plus(properties.claim()))).param("batch", properties.batch())
                .query((rs, n) -> {
                    String url = rs.getString("callback_url");
                    return new Claimed(rs.getObject("id", UUID.class), rs.getObject("system_id", UUID.class),
                            rs.getString("payload"), rs.getInt("attempts"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            url == null ? null : URI.create(url), rs.getBytes("callback_secret"));
                })
                .list();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.running();
    }
}
