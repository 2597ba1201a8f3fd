/**
 * Encryption at rest (MBX-9): AES-256-GCM under per-mailbox data keys, the data keys wrapped by a
 * versioned master key, and the rotation that re-wraps them without touching a message.
 */
@NullMarked
package ru.gospochta.mailbox.internal.crypto;

import org.jspecify.annotations.NullMarked;
