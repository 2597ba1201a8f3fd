package ru.gospochta.platform;

import org.jspecify.annotations.Nullable;

/**
 * A mail system reported, after it had taken a letter, that the address cannot receive it for
 * good, or the recipient marked a letter as spam (NTF-5). Read from the bounce mailbox; who holds
 * the address, and what follows, is for the modules that keep addresses (CNT-6).
 *
 * @param address the address the report is about, as the report gives it
 * @param messageId the Message-ID of our letter the report returns, when it returns one
 * @param diagnostic what the report says, for the journal: the status and the remote server's
 *                   reply, or the feedback type; it may quote addresses
 */
public record MailBounced(String address, Kind kind, @Nullable String messageId, String diagnostic) {

    public enum Kind {
        /** A delivery status notification: the letter failed with a permanent (5.x.x) status. */
        HARD_BOUNCE,
        /** A feedback report (ARF): the recipient complained that the letter is unwanted. */
        COMPLAINT
    }
}
