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
}
