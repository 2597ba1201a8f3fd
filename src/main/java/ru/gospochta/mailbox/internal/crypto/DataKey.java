package ru.gospochta.mailbox.internal.crypto;

import java.util.UUID;

import javax.crypto.SecretKey;

/** The data key of one mailbox in one version: it seals that mailbox's bodies and files. */
public record DataKey(UUID account, int version, SecretKey key) {

    public byte[] seal(byte[] plain, String binding) {
        return Aead.seal(key, plain, binding);
    }

    /** @throws SealBroken when the value was not sealed by this key for this binding */
    public byte[] open(byte[] sealed, String binding) {
        return Aead.open(key, sealed, binding);
    }

    @Override
    public String toString() {
        return "DataKey[account=" + account + ", version=" + version + "]";
    }
}
