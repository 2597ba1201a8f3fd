package ru.gospochta.contacts;

import java.util.UUID;

/**
 * Letters to an account's e-mail address are paused (CNT-6) until the citizen confirms it again;
 * the cabinet copy of every message still arrives.
 *
 * @param address the address, masked as it may be shown or logged
 */
public record EmailDeliverySuspended(UUID account, String address, Reason reason) {

    public enum Reason {
        /** The address was added and not confirmed within the configured period (30 days). */
        UNCONFIRMED_30_DAYS,
        /** The mail server refused a letter to it for good, at once or by a later delivery report. */
        HARD_BOUNCE,
        /** The recipient marked a letter to it as spam, and their mail service reported it (NTF-5). */
        COMPLAINT
    }
}
