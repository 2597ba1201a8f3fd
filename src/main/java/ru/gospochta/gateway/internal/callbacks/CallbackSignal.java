package ru.gospochta.gateway.internal.callbacks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this node's callback workers when a callback is queued, so a status change reaches the
 * agency within milliseconds of its commit (NTF-5: «in real time»); the poll remains for callbacks
 * other nodes queued and for retries coming due.
 */
@Component
class CallbackSignal {

    private final Semaphore permits = new Semaphore(0);

    /** Inside a transaction: once it commits, since the worker cannot see the row before. */
    void wakeAfterCommit() {
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

    void wake() {
        if (permits.availablePermits() < 16) {
            permits.release();
        }
    }

    /** Waits for a wake-up or the timeout. */
    void await(long millis) throws InterruptedException {
        permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
        permits.drainPermits();
    }
}
