package ru.gospochta.platform;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the workers of an outbox when new work is committed, so it leaves within milliseconds
 * rather than at the next poll; the poll remains for work other nodes committed and retries coming
 * due. Each outbox has its own signal (a subclass that is a bean of its module).
 */
public class WakeSignal {

    private static final int MAX_PERMITS = 16;

    private final Semaphore permits = new Semaphore(0);

    /** Inside a transaction: once it commits, since a worker cannot see the rows before. */
    public void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    public void wake() {
        if (permits.availablePermits() < MAX_PERMITS) {
            permits.release();
        }
    }

    /** Waits for a wake-up or the timeout; true when woken. */
    boolean await(long millis) throws InterruptedException {
        boolean woken = permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
        permits.drainPermits();
        return woken;
    }
}
