/**
 * The bounce mailbox (NTF-5): delivery status notifications and complaints that mail systems
 * send to the return path of our letters, read over IMAP and published as {@code MailBounced}.
 */
@NullMarked
package ru.gospochta.platform.internal.bounces;

import org.jspecify.annotations.NullMarked;
