package ru.gospochta.gateway.internal.messages;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import ru.gospochta.mailbox.IncomingFile;

/**
 * What a send call carried, whatever its form (GW-2): the JSON or XML document, its format, the
 * files sent beside it as multipart parts, and the hash that Idempotency-Key compares.
 *
 * @param document the message or batch, as sent
 * @param xml whether the document is XML, which is also the format of the answer
 * @param files the file parts in the order sent; empty for a plain body
 * @param formHash SHA-256 of everything a multipart call carried, taken while its parts were read;
 *     null for a plain body
 */
record Payload(byte[] document, boolean xml, List<IncomingFile> files, byte @Nullable [] formHash) {

    /** A plain JSON or XML body. */
    static Payload plain(byte[] body, boolean xml) {
        return new Payload(body, xml, List.of(), null);
    }

    /**
     * SHA-256 of everything the call carried. A plain body is hashed only when this is asked, as
     * only an Idempotency-Key needs it: a batch of a thousand messages with files is megabytes.
     */
    byte[] hash() {
        return formHash != null ? formHash : sha256().digest(document);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
