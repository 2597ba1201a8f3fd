package ru.gospochta.platform;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that drain an outbox: each runs rounds (claim a batch with {@code FOR UPDATE SKIP
 * LOCKED}, work on it, record the outcome) back to back while there is work, and between rounds
 * waits for its signal or the poll. A failed round pauses a second, so a broken database does not
 * make a hot loop; the claims it took run out and the rows are taken again. Used by the
 * notification dispatcher and the agency callbacks; work that can wait may also give way to a busy
 * host ({@link BackgroundPace}).
 */
public final class OutboxWorkers {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorkers.class);

    private final String name;
    private final int threads;
    private final Duration poll;
    private final WakeSignal signal;
    private final IntSupplier round;
    private final @Nullable BackgroundPace pace;
    private volatile boolean running;
    private @Nullable ExecutorService pool;

    /**
     * @param name the threads' name prefix, e.g. {@code notify-dispatch-}
     * @param threads how many; 0 runs none (rounds are then driven by hand, as tests do)
     * @param round one round; returns how many rows it claimed
     */
    public OutboxWorkers(String name, int threads, Duration poll, WakeSignal signal, IntSupplier round) {
        this(name, threads, poll, signal, round, null);
    }

    /** Workers whose rounds give way to other work while the host is busy. */
    public OutboxWorkers(String name, int threads, Duration poll, WakeSignal signal, IntSupplier round,
            @Nullable BackgroundPace pace) {
        this.pace = pace;
        this.name = name;
        this.threads = threads;
        this.poll = poll;
        this.signal = signal;
        this.round = round;
    }

    public void start() {
        running = true;
        if (threads == 0) {
            return;
        }
        ExecutorService started = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(name, 0).daemon().factory());
        for (int i = 0; i < threads; i++) {
            started.execute(this::work);
        }
        pool = started;
    }

    public void stop() {
        running = false;
        ExecutorService started = pool;
        if (started != null) {
            started.shutdownNow();
            try {
                started.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                long started = System.nanoTime();
                if (round.getAsInt() == 0) {
                    signal.await(poll.toMillis());
                } else if (pace != null) {
                    Duration pause = pace.pauseAfter(Duration.ofNanos(System.nanoTime() - started));
                    if (pause.isPositive()) {
                        Thread.sleep(pause);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("A round of {} failed; retrying", name, e);
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
