package ru.gospochta.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * How the reading part of {@link IngestAndReadBenchmark} loads the server: a number of readers,
 * each on a thread of its own, calling for a number of seconds. Two ways:
 * <ul>
 * <li>{@link #saturating} — every reader calls again as soon as an answer is in (a closed loop with
 * no pause). The server is always full, so this measures its capacity, pages a second at full load;
 * the latency is mostly the queue before the server's cores.</li>
 * <li>{@link #thinking} — every reader reads each page for a while before the next: a think time
 * drawn from an exponential distribution (seeded, so every run draws the same), which makes the
 * calls of many readers arrive like those of independent people, about {@code readers / mean} a
 * second. This is the load the latency targets speak of.</li>
 * </ul>
 * A call's latency is timed from sending the request to the answer's last byte.
 */
record ReadLoad(String name, int readers, Duration length, Duration meanThink, long seed) {

    interface Call {
        void run() throws Exception;
    }

    /** The calls' latencies, sorted, in nanoseconds, and their rate over the load's length. */
    record Result(List<Long> sorted, double perSecond) {
    }

    static ReadLoad saturating(int readers, Duration length) {
        return new ReadLoad("no pause between pages (closed loop)", readers, length, Duration.ZERO, 0);
    }

    static ReadLoad thinking(int readers, Duration length, Duration meanThink, long seed) {
        return new ReadLoad(String.format("reading each page for %.1f s on average (exponential, seeded)",
                meanThink.toMillis() / 1000.0), readers, length, meanThink, seed);
    }

    Result run(Call call) throws Exception {
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> slow = new ConcurrentLinkedQueue<>();
        long slowNanos = Long.getLong("bench.slowMillis", Long.MAX_VALUE / 1_000_000) * 1_000_000;
        long started = System.nanoTime();
        long until = started + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<?>> done = new ArrayList<>();
        // One generator split off per reader: readers seeded seed, seed + 1, … with java.util.Random
        // drew almost the same first think time (0.7305, 0.7308, 0.7307, …), so all of them called at
        // the same moment 1.3 s in — a burst that made the whole p99 of the reading figures.
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int r = 0; r < readers; r++) {
            SplittableRandom think = seeds.split();
            done.add(pool.submit(() -> {
                // A thinking reader starts after a think time too, so the first calls do not arrive at once.
                pause(think, until);
                while (System.nanoTime() < until) {
                    long start = System.nanoTime();
                    call.run();
                    long took = System.nanoTime() - start;
                    times.add(took);
                    if (took > slowNanos) {
                        slow.add(String.format("%s +%.3f s %.1f ms", java.time.Instant.now(), (start - started) / 1e9, took / 1e6));
                    }
                    pause(think, until);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        slow.stream().sorted().forEach(line -> System.out.println("slow call " + line));
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return new Result(sorted, sorted.size() / seconds);
    }

    private void pause(SplittableRandom think, long until) throws InterruptedException {
        if (meanThink.isZero()) {
            return;
        }
        long nanos = (long) (-Math.log(1 - think.nextDouble()) * meanThink.toNanos());
        long left = until - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, left));
        }
    }

    /** Latencies, then how many calls at what rate and, for pages, the CPU a page cost (this JVM, client included, and PostgreSQL). */
    static List<String> latency(String what, Result result, @Nullable CpuTime cpu) {
        List<Long> sorted = result.sorted();
        String calls = String.format("  (%,d calls, %,.0f/s", sorted.size(), result.perSecond())
                + (cpu == null ? ")" : ", CPU " + cpu.each(sorted.size()) + " a page, of it PG " + cpu.postgresEach(sorted.size()) + ")");
        return List.of(what, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99) + calls);
    }

    static String ms(List<Long> sorted, double q) {
        return String.format("%.1f ms", at(sorted, q) / 1e6);
    }

    /** How many times slower {@code a} is than {@code b} at quantile {@code q}. */
    static String ratio(List<Long> a, List<Long> b, double q) {
        return String.format("%.1f", (double) at(a, q) / at(b, q));
    }

    static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q)));
    }
}
