/** The contacts module's implementation: the e-mail address syntax and the list of throw-away mailbox domains. */
@NullMarked
package ru.gospochta.contacts.internal;

import org.jspecify.annotations.NullMarked;
