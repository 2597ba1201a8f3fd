package ru.gospochta.gateway.internal.messages;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import ru.gospochta.mailbox.IncomingFile;

/**
 * What a send call carried, whatever its form (GW-2): the JSON or XML document, its format, the
 * files sent beside it as multipart parts, and the hash that Idempotency-Key compares.
 *
 * @param document the message or batch, as sent
 * @param xml whether the document is XML, which is also the format of the answer
 * @param files the file parts in the order sent; empty for a plain body
 * @param hash SHA-256 of everything the call carried
 */
record Payload(byte[] document, boolean xml, List<IncomingFile> files, byte[] hash) {

    /** A plain JSON or XML body. */
    static Payload plain(byte[] body, boolean xml) {
        return new Payload(body, xml, List.of(), sha256().digest(body));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
