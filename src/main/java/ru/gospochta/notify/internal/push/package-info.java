/**
 * The Web Push channel (NTF-5): the browsers a citizen allowed to show notifications, the server's
 * VAPID identity (RFC 8292), and the sender that encrypts a message for one browser (RFC 8291) and
 * hands it to the browser vendor's push service (RFC 8030).
 */
@NullMarked
package ru.gospochta.notify.internal.push;

import org.jspecify.annotations.NullMarked;
