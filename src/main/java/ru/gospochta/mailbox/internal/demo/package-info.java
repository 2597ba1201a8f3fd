/** Demo letters for the demo citizen. */
@NullMarked
package ru.gospochta.mailbox.internal.demo;

import org.jspecify.annotations.NullMarked;
