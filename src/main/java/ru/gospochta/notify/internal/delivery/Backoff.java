package ru.gospochta.notify.internal.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts after temporary failures: doubling from the first wait up to a ceiling,
 * with a tenth of jitter so that the notices a provider's outage held back do not all return in the
 * same second.
 */
final class Backoff {

    private Backoff() {
    }

    static Duration after(int attempts, Duration first, Duration max) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = Math.min(max.toMillis(), first.toMillis() << Math.min(doublings, 20));
        long jitter = millis / 10;
        return Duration.ofMillis(millis - jitter + ThreadLocalRandom.current().nextLong(jitter * 2 + 1));
    }
}
