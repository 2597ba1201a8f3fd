package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MBX-2 and GW-2: work that can wait (attachments' text for search) gives way to accepting mail on a busy host")
class BackgroundPaceTests {

    static final Duration LONGEST = Duration.ofSeconds(5);

    @Test
    @DisplayName("MBX-2: on a busy host a worker allowed a tenth of its time pauses nine times as long as its round took")
    void busyHostPauses() {
        BackgroundPace pace = new BackgroundPace(0.8, 0.1, LONGEST, () -> 0.95);

        assertThat(pace.pauseAfter(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(1800));
        assertThat(new BackgroundPace(0.8, 0.5, LONGEST, () -> 0.8).pauseAfter(Duration.ofMillis(200)))
                .isEqualTo(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("MBX-2: a very long round pauses no longer than the longest pause, so the queue never stalls")
    void pauseIsCapped() {
        BackgroundPace pace = new BackgroundPace(0.8, 0.1, LONGEST, () -> 1.0);

        assertThat(pace.pauseAfter(Duration.ofSeconds(3))).isEqualTo(LONGEST);
    }

    @Test
    @DisplayName("MBX-2: on a quiet host, with the load unknown, with a full share or a threshold of 1 the worker does not pause")
    void quietHostRunsFlatOut() {
        assertThat(new BackgroundPace(0.8, 0.1, LONGEST, () -> 0.79).pauseAfter(Duration.ofMillis(200))).isZero();
        assertThat(new BackgroundPace(0.8, 0.1, LONGEST, () -> -1).pauseAfter(Duration.ofMillis(200))).isZero();
        assertThat(new BackgroundPace(0.8, 1.0, LONGEST, () -> 1.0).pauseAfter(Duration.ofMillis(200))).isZero();
        assertThat(new BackgroundPace(1.0, 0.1, LONGEST, () -> 1.0).pauseAfter(Duration.ofMillis(200))).isZero();
    }

    @Test
    @DisplayName("MBX-2: a share that would stop the worker altogether, or a negative pause, is refused")
    void badSettingsRefused() {
        assertThatThrownBy(() -> new BackgroundPace(0.8, 0, LONGEST, () -> 1)).hasMessageContaining("busyShare");
        assertThatThrownBy(() -> new BackgroundPace(0.8, 1.5, LONGEST, () -> 1)).hasMessageContaining("busyShare");
        assertThatThrownBy(() -> new BackgroundPace(0.8, 0.1, Duration.ofMillis(-1), () -> 1)).hasMessageContaining("longestPause");
    }

    @Test
    @DisplayName("MBX-2: outbox workers with a pace on a busy host wait between rounds that did work, at least as the pace says")
    void workersFollowThePace() throws Exception {
        List<long[]> rounds = new CopyOnWriteArrayList<>();
        AtomicInteger left = new AtomicInteger(3);
        OutboxWorkers workers = new OutboxWorkers("paced-", 1, Duration.ofSeconds(5), new WakeSignal(), () -> {
            long started = System.nanoTime();
            while (System.nanoTime() - started < Duration.ofMillis(40).toNanos()) {
                Thread.onSpinWait();   // a round of real work, 40 ms long
            }
            rounds.add(new long[] {started, System.nanoTime()});
            return left.getAndDecrement() > 0 ? 1 : 0;
        }, new BackgroundPace(0.5, 0.25, LONGEST, () -> 1.0));
        workers.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.size() >= 3);
        } finally {
            workers.stop();
        }
        // A quarter of the time working: after each round of at least 40 ms, at least 120 ms of pause.
        for (int i = 1; i < 3; i++) {
            long worked = rounds.get(i - 1)[1] - rounds.get(i - 1)[0];
            long paused = rounds.get(i)[0] - rounds.get(i - 1)[1];
            assertThat(Duration.ofNanos(paused)).as("pause after round %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofNanos(worked * 3).minusMillis(1));
        }
    }
}
