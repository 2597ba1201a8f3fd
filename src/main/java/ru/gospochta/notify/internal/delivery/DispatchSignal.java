package ru.gospochta.notify.internal.delivery;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the dispatcher's workers when new work is committed, so a notice due now leaves within
 * milliseconds rather than at the next poll; the poll remains for work other nodes committed.
 */
@Component
public class DispatchSignal {

    private final Semaphore permits = new Semaphore(0);

    /** Inside a transaction: once it commits. */
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
        if (permits.availablePermits() < 16) {
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
