package ru.gospochta.mailbox.internal.crypto;

/**
 * A sealed value did not verify: a wrong key, associated data that names another row, or changed
 * bytes. Nothing of its content is returned.
 */
public final class SealBroken extends RuntimeException {

    SealBroken(String reason) {
        super(reason);
    }
}
