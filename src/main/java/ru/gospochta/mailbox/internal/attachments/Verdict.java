package ru.gospochta.mailbox.internal.attachments;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;

/** What the bytes of a file turned out to be: one of the allowed formats with its text, or the reason it is not. */
sealed interface Verdict {

    /** @param text the file's text for search; empty for images, when not asked for, or when unreadable */
    record Allowed(AttachmentFormat format, String text) implements Verdict {
    }

    record Refused(Reason reason) implements Verdict {
    }

    static Verdict allowed(AttachmentFormat format, String text) {
        return new Allowed(format, text);
    }

    static Verdict refused(Reason reason) {
        return new Refused(reason);
    }
}
