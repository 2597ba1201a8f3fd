package ru.gospochta.mailbox.internal.attachments;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;

/**
 * OLE2 compound files are never allowed: they are legacy Office (which runs macros without the
 * OOXML markers), MSI installers, and the wrapper Office puts a password-protected DOCX or XLSX
 * in. Only the reason differs, so the streams are recognised by their UTF-16 names in the
 * directory rather than by walking the sector chains: a wrong guess changes the wording, never
 * the verdict.
 */
final class CompoundFiles {

    private static final byte[] ENCRYPTION_INFO = Signatures.utf16("EncryptionInfo");
    private static final byte[] ENCRYPTED_PACKAGE = Signatures.utf16("EncryptedPackage");
    private static final byte[] VBA_PROJECT = Signatures.utf16("_VBA_PROJECT");
    private static final byte[] MACROS = Signatures.utf16("Macros");
    /** The class id of an MSI database's root storage, as stored (little-endian fields). */
    private static final byte[] INSTALLER_CLASS = {
        (byte) 0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};

    private CompoundFiles() {
    }

    static boolean isCompoundFile(byte[] content) {
        return Signatures.startsWith(content, 0, Signatures.COMPOUND_FILE);
    }

    static Reason reason(byte[] content) {
        if (Signatures.contains(content, ENCRYPTION_INFO) || Signatures.contains(content, ENCRYPTED_PACKAGE)) {
            return Reason.ENCRYPTED;
        }
        if (Signatures.contains(content, INSTALLER_CLASS)) {
            return Reason.EXECUTABLE;
        }
        if (Signatures.contains(content, VBA_PROJECT) || Signatures.contains(content, MACROS)) {
            return Reason.MACROS;
        }
        return Reason.FORMAT_NOT_ALLOWED;
    }
}
