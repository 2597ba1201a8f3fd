package ru.gospochta.platform;

import java.util.Optional;

/**
 * Where large opaque content lives (attachments, scans), addressed by a key the caller chooses.
 * The default keeps files in a folder of the data directory; the port is shaped after
 * S3-compatible object storage (put, get, delete by key; no listing in the hot path), so a
 * production store can replace it. Callers encrypt what must not be readable at rest.
 */
public interface BlobStore {

    /** Stores the bytes under the key, replacing what was there; durable when it returns. */
    void put(String key, byte[] content);

    Optional<byte[]> get(String key);

    /** Removes the key; nothing happens when it is absent. */
    void delete(String key);
}
