package ru.gospochta.identity.internal.documents;

/** An upload of a passport scan was not accepted; nothing of it is kept. */
class UploadRefused extends RuntimeException {

    /** Why, with the message the citizen reads; the wording of the first four is APL-2's. */
    enum Reason {
        NO_FILE("identity.documents.refused.no-file", "no-file"),
        TOO_LARGE("identity.documents.refused.too-large", "too-large"),
        FORMAT("identity.documents.refused.format", "format"),
        MISMATCH("identity.documents.refused.mismatch", "mismatch"),
        NOT_ACTIVE("identity.documents.refused.not-active", "not-active");

        private final String messageKey;
        private final String code;

        Reason(String messageKey, String code) {
            this.messageKey = messageKey;
            this.code = code;
        }

        String messageKey() {
            return messageKey;
        }

        /** For the audit log. */
        String code() {
            return code;
        }
    }

    private final Reason reason;

    UploadRefused(Reason reason) {
        super(reason.code(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
