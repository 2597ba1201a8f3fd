package ru.gospochta.gateway.internal.callbacks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final CallbackSender sender;
    private final CallbackResults results;
    private final CallbackSignal signal;
    private final CallbackProperties properties;
    private final Clock clock;
    private volatile boolean running;
    private @Nullable ExecutorService workers;

    CallbackDispatcher(JdbcClient db, TransactionTemplate transactions, CallbackSender sender, CallbackResults results,
            CallbackSignal signal, CallbackProperties properties, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.sender = sender;
        this.results = results;
        this.signal = signal;
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

    private void work() {
        while (running) {
            try {
                if (sendOnce() == 0) {
                    signal.await(properties.poll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The claims run out and the callbacks are taken again; a pause keeps a broken database from a hot loop.
                log.warn("Sending callbacks failed; retrying", e);
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        if (properties.workers() == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(properties.workers(),
                Thread.ofPlatform().name("gateway-callbacks-", 0).daemon().factory());
        for (int i = 0; i < properties.workers(); i++) {
            pool.execute(this::work);
        }
        workers = pool;
    }

    @Override
    public void stop() {
        running = false;
        ExecutorService pool = workers;
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
