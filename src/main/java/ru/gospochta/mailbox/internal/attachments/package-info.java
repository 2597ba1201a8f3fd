/**
 * The attachment rules of APL-2: what a file really is, read from its bytes; whether it may be
 * handed to a citizen or an agency; and its text for the mailbox's full-text search.
 */
@NullMarked
package ru.gospochta.mailbox.internal.attachments;

import org.jspecify.annotations.NullMarked;
