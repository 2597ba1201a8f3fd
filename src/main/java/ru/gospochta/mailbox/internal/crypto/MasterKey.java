package ru.gospochta.mailbox.internal.crypto;

import javax.crypto.SecretKey;

/** One version of the master key, which wraps the mailboxes' data keys and nothing else. */
public record MasterKey(int version, SecretKey key) {

    @Override
    public String toString() {
        return "MasterKey[version=" + version + "]";
    }
}
