/** The citizen's mailbox pages under {@code /cabinet/mailbox}, and new mail pushed to open pages. */
@NullMarked
package ru.gospochta.mailbox.internal.web;

import org.jspecify.annotations.NullMarked;
