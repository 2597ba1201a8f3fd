/** Messages, folders and attachments: delivery into mailboxes and the rules of what a citizen may do with them. */
@NullMarked
package ru.gospochta.mailbox.internal.messages;

import org.jspecify.annotations.NullMarked;
