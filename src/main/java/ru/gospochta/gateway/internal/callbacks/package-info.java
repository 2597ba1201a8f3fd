/**
 * Signed callbacks to agency systems (GW-3, NTF-5): each system's callback URL and secret, the
 * outbox of status changes to report, and the worker that posts them with retries.
 */
@NullMarked
package ru.gospochta.gateway.internal.callbacks;

import org.jspecify.annotations.NullMarked;
