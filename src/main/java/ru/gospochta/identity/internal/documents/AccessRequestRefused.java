package ru.gospochta.identity.internal.documents;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A step of an access request could not be taken; nothing was stored. None of the reasons
 * depends on whether an account matches the declared data, so none of them can tell it.
 */
class AccessRequestRefused extends RuntimeException {

    /** Why, with the message the person reads; those with a wait take it as {0}. */
    enum Reason {
        /** Too many requests for this SNILS or from this address (ACC-7 waits). */
        TOO_MANY_REQUESTS("support.refused.too-many-requests"),
        /** Too many wrong codes for this phone. */
        TOO_MANY_CODES("support.code.locked"),
        /** The SMS limits of the phone or the address: no code now. */
        SMS_WAIT("support.code.resend-wait"),
        /** The new phone already belongs to an account; told only to whoever proved they hold it. */
        PHONE_TAKEN("support.phone.taken"),
        /** The phone was confirmed too long ago, or the draft is gone. */
        EXPIRED("support.expired");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    private final Reason reason;
    private final @Nullable Duration waitFor;

    AccessRequestRefused(Reason reason) {
        this(reason, null);
    }

    AccessRequestRefused(Reason reason, @Nullable Duration waitFor) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.waitFor = waitFor;
    }

    Reason reason() {
        return reason;
    }

    /** How long to wait, for the reasons that are waits. */
    @Nullable Duration waitFor() {
        return waitFor;
    }
}
