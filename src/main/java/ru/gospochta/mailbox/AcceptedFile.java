package ru.gospochta.mailbox;

/**
 * A file that passed the attachment rules (APL-2).
 *
 * @param fileName the name as given, Cyrillic kept, stripped of any path
 * @param mediaType the type the content really is (sniffed), e.g. {@code application/pdf}
 * @param content the bytes
 * @param text the plain text of a PDF, DOCX or XLSX for full-text search, empty for images and
 *     when none could be read; {@code null} when not read yet — the mailbox then reads it after
 *     delivery, so that accepting a message never waits for it
 */
public record AcceptedFile(String fileName, String mediaType, byte[] content, String text) {

    public long size() {
        return content.length;
    }
}
