package ru.gospochta.mailbox;

import java.util.List;

/**
 * The rules every file handed to the portal passes (APL-2): PDF, DOCX, XLSX, JPG, PNG or XML only,
 * the type read from the content (never from the name or the declared type), at most 10 MB a file
 * and 50 MB a message; executables, macro-enabled or encrypted Office files and archives refused.
 * Used by the gateway for agencies' messages and by appeals for citizens' files.
 */
public interface AttachmentRules {

    /**
     * Checks the files of one message together.
     *
     * @return the accepted files in the given order
     * @throws AttachmentsRefused naming every refused file and why, not only the first
     */
    List<AcceptedFile> acceptAll(List<IncomingFile> files);

    /**
     * The largest file accepted, in bytes: a caller reading a file from a stream needs no more
     * than one byte past it to have the file refused for its size, and should read no more.
     */
    long maxFileBytes();
}
