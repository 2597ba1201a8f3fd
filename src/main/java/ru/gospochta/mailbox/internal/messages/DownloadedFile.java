package ru.gospochta.mailbox.internal.messages;

/** A file opened for its owner to download. */
public record DownloadedFile(String fileName, String mediaType, byte[] content) {
}
