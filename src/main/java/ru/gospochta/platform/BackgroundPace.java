package ru.gospochta.platform;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.DoubleSupplier;

import com.sun.management.OperatingSystemMXBean;

/**
 * How work that can wait — reading attachments' text for search — shares a busy host with work
 * that cannot: while the host's CPU is at least {@code busyLoad} used, a worker pauses after each
 * round so that it works at most {@code busyShare} of its time; on a quiet host it runs flat out.
 * Without it such a worker takes a whole core away from accepting mail at the very moment an
 * agency sends a burst, though its own backlog cannot be cleared during the burst anyway.
 *
 * @param busyLoad the host's CPU use, 0 to 1, from which it counts as busy; 1 or more never
 * @param busyShare the share of its time a worker may work while the host is busy, above 0 and at most 1
 * @param longestPause the longest pause after one round, so a very long round does not stall the queue
 * @param hostLoad the host's recent CPU use, 0 to 1, or negative when unknown (then never busy)
 */
public record BackgroundPace(double busyLoad, double busyShare, Duration longestPause, DoubleSupplier hostLoad) {

    public BackgroundPace {
        if (!(busyShare > 0 && busyShare <= 1)) {
            throw new IllegalArgumentException("busyShare must be above 0 and at most 1, not " + busyShare);
        }
        if (longestPause.isNegative()) {
            throw new IllegalArgumentException("longestPause must not be negative");
        }
    }

    /** Measured on this machine: the CPU use of the whole host (or of the container) since the last reading. */
    public static BackgroundPace ofHost(double busyLoad, double busyShare, Duration longestPause) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new BackgroundPace(busyLoad, busyShare, longestPause, os::getCpuLoad);
    }

    /** How long to pause after a round that did some work and took {@code round}. */
    public Duration pauseAfter(Duration round) {
        double load = hostLoad.getAsDouble();
        if (busyShare >= 1 || busyLoad >= 1 || load < 0 || load < busyLoad) {
            return Duration.ZERO;
        }
        Duration pause = Duration.ofNanos((long) (round.toNanos() * (1 - busyShare) / busyShare));
        return pause.compareTo(longestPause) > 0 ? longestPause : pause;
    }
}
