package ru.gospochta.notify.internal.push;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One browser that receives an account's push notifications (NTF-5).
 *
 * @param endpoint the push service's address for this browser; whoever knows it can post to the
 *        browser, so it is never shown on a page
 * @param p256dh the browser's P-256 public key, 65 bytes uncompressed
 * @param auth the browser's 16-byte auth secret
 * @param userAgent what the citizen sees in the list of browsers, e.g. «Chrome, Windows»; may be empty
 * @param failures failed attempts since the last delivery
 */
public record Subscription(UUID id, UUID account, URI endpoint, byte[] p256dh, byte[] auth, String userAgent,
        Instant createdAt, @Nullable Instant lastSuccessAt, int failures) {
}
