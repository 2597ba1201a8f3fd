package ru.gospochta.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator restored access to an account that had lost every channel (ACC-5, CNT-7): the
 * account now has the new phone the person confirmed, and nothing else it had may still lead to
 * it. Identity has moved the phone and dropped its own factors; modules that keep contact data
 * of the account (the e-mail addresses of contacts) drop theirs on this event.
 *
 * @param at when the operator approved the request
 */
public record ContactsReset(UUID account, Instant at) {
}
