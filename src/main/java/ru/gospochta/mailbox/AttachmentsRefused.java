package ru.gospochta.mailbox;

import java.util.List;

/** One or more files broke the attachment rules; nothing of the message may be kept. */
public final class AttachmentsRefused extends RuntimeException {

    /** Why a file was refused; {@link #code()} is the error code of the API and the message key. */
    public enum Reason {
        /** The file is larger than 10 MB. «Размер превышает лимит» */
        FILE_TOO_LARGE,
        /** The files together are larger than 50 MB. */
        MESSAGE_TOO_LARGE,
        /** Not one of the allowed formats. «Недопустимый формат файла» */
        FORMAT_NOT_ALLOWED,
        /** The content is another type than the name or the declared type says. «Тип содержимого не совпадает с файлом» */
        TYPE_MISMATCH,
        /** A program or script. */
        EXECUTABLE,
        /** An Office file with macros. */
        MACROS,
        /** An encrypted or password-protected file. */
        ENCRYPTED,
        /** An archive (ZIP, RAR, 7z…), which could hide anything. */
        ARCHIVE,
        /** No bytes at all. */
        EMPTY,
        /** A name that is empty, too long, or has control characters. */
        NAME_INVALID;

        public String code() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** One refused file: its position in the message, its name as given, and why. */
    public record Problem(int index, String fileName, Reason reason) {
    }

    private final List<Problem> problems;

    public AttachmentsRefused(List<Problem> problems) {
        super("attachments refused: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
