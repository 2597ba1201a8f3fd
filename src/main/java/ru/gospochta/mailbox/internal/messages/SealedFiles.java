package ru.gospochta.mailbox.internal.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.gospochta.mailbox.internal.crypto.DataKey;
import ru.gospochta.platform.BlobStore;

/**
 * Attachment contents in the blob store, sealed with the mailbox's data key and bound to their
 * message and attachment ids. The blob store is not transactional: files written for a delivery
 * that then rolls back are deleted again, so a refused message leaves nothing behind.
 */
@Component
class SealedFiles {

    private static final Logger log = LoggerFactory.getLogger(SealedFiles.class);
    /** Files of one batch are written side by side; each waits for its own fsync. */
    private static final int PARALLEL_WRITES = 8;

    record Put(String blobKey, DataKey key, String binding, byte[] content) {
    }

    private final BlobStore blobs;

    SealedFiles(BlobStore blobs) {
        this.blobs = blobs;
    }

    void putAll(List<Put> puts) {
        deleteOnRollback(puts.stream().map(Put::blobKey).toList());
        if (puts.size() == 1) {
            put(puts.getFirst());
            return;
        }
        Semaphore slots = new Semaphore(PARALLEL_WRITES);
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> written = new ArrayList<>(puts.size());
            for (Put p : puts) {
                written.add(writers.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        put(p);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> done : written) {
                done.get();
            }
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException e ? e : new IllegalStateException(failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing attachments", e);
        }
    }

    /** @throws ru.gospochta.mailbox.internal.crypto.SealBroken when the file is not the one sealed for this binding */
    byte[] open(String blobKey, DataKey key, String binding) {
        byte[] sealed = blobs.get(blobKey)
                .orElseThrow(() -> new IllegalStateException("the content of attachment " + blobKey + " is missing"));
        return key.open(sealed, binding);
    }

    private void put(Put p) {
        blobs.put(p.blobKey(), p.key().seal(p.content(), p.binding()));
    }

    private void deleteOnRollback(List<String> blobKeys) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    return;
                }
                for (String blobKey : blobKeys) {
                    try {
                        blobs.delete(blobKey);
                    } catch (RuntimeException e) {
                        log.warn("Attachment {} of a rolled-back delivery could not be deleted: {}", blobKey, e.getMessage());
                    }
                }
            }
        });
    }
}
