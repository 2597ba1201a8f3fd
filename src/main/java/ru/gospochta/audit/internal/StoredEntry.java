package ru.gospochta.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * An entry as it sits in {@code audit.entries}, with the hash chain's rules: what its canonical
 * content is and how its hash is derived from that content and the previous entry's hash.
 */
record StoredEntry(long seq, Instant occurredAt, String actor, String action, String target,
        @Nullable String sourceIp, String outcome, String details, byte[] prevHash, byte[] hash) {

    /** What the first entry chains to. */
    static final byte[] GENESIS = new byte[32];

    /** Names the encoding below, so a future change of it can be told apart from tampering. */
    private static final String FORMAT = "gospochta-audit-entry-v1";

    /** An entry as written, before it has a place in the chain: its id, and its content as stored. */
    record Unsealed(long id, Instant occurredAt, String actor, String action, String target, @Nullable String sourceIp,
            String outcome, String details) {

        /** This entry as number {@code seq} of the chain, after the entry whose hash is {@code prevHash}. */
        StoredEntry seal(long seq, byte[] prevHash) {
            byte[] hash = hashOf(seq, occurredAt, actor, action, target, sourceIp, outcome, details, prevHash);
            return new StoredEntry(seq, occurredAt, actor, action, target, sourceIp, outcome, details, prevHash, hash);
        }
    }

    /** The hash this entry should carry, recomputed from what is stored now. */
    byte[] expectedHash() {
        return hashOf(seq, occurredAt, actor, action, target, sourceIp, outcome, details, prevHash);
    }

    /**
     * SHA-256 over the fields, each length-prefixed so that no two different entries share an
     * encoding (moving a character from actor to action changes the bytes), then the previous hash.
     */
    private static byte[] hashOf(long seq, Instant occurredAt, String actor, String action, String target,
            @Nullable String sourceIp, String outcome, String details, byte[] prevHash) {
        MessageDigest sha256 = sha256();
        text(sha256, FORMAT);
        sha256.update(ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(seq)
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt))
                .array());
        text(sha256, actor);
        text(sha256, action);
        text(sha256, target);
        text(sha256, sourceIp);
        text(sha256, outcome);
        text(sha256, details);
        sha256.update(prevHash);
        return sha256.digest();
    }

    private static void text(MessageDigest digest, @Nullable String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
