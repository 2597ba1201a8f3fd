/** The mailbox module's implementation: storage, encryption at rest, the citizen's pages and the demo seed. */
@NullMarked
package ru.gospochta.mailbox.internal;

import org.jspecify.annotations.NullMarked;
