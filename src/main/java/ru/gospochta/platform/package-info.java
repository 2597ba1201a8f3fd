/**
 * Platform: the data directory, the database (embedded or external), per-module migrations,
 * the outgoing mail and SMS ports with their local catchers, the bounce mailbox whose reports
 * are published as {@link ru.gospochta.platform.MailBounced}, the container's limits for uploads,
 * and the demo seed.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package ru.gospochta.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
