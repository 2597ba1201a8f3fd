package ru.gospochta.identity.internal.documents;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.AccountState;

/** An operator's decision that could not be taken; nothing changed. */
class ReviewRefused extends RuntimeException {

    /** Why, with the explanation the operator reads. */
    enum Reason {
        GONE("identity.documents.review.refused.gone", "gone"),
        DECIDED("identity.documents.review.refused.decided", "decided"),
        NOT_ACTIVE("identity.documents.review.refused.not-active", "account-not-active"),
        /** An access request's new phone got an account of its own since the request was made. */
        PHONE_TAKEN("support.review.refused.phone-taken", "phone-taken"),
        REASON_MISSING("identity.documents.review.refused.reason-missing", "reason-missing"),
        REASON_TOO_LONG("identity.documents.review.refused.reason-too-long", "reason-too-long");

        private final String messageKey;
        private final String code;

        Reason(String messageKey, String code) {
            this.messageKey = messageKey;
            this.code = code;
        }

        String messageKey() {
            return messageKey;
        }

        String code() {
            return code;
        }
    }

    private final Reason reason;
    private final @Nullable AccountState accountState;

    ReviewRefused(Reason reason) {
        this(reason, null);
    }

    ReviewRefused(Reason reason, @Nullable AccountState accountState) {
        super(reason.code(), null, false, false);
        this.reason = reason;
        this.accountState = accountState;
    }

    Reason reason() {
        return reason;
    }

    /** The state that stopped an approval, to name it to the operator. */
    @Nullable AccountState accountState() {
        return accountState;
    }
}
