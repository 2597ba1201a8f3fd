/** The event types agencies and modules may raise, their variables and default templates. */
@NullMarked
package ru.gospochta.notify.internal.catalogue;

import org.jspecify.annotations.NullMarked;
