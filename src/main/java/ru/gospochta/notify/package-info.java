/**
 * Notifications (NTF): the catalogue of events that concern a citizen, their preferences, the
 * letter templates, and the delivery pipeline that takes each notification to the cabinet, e-mail,
 * SMS and push, on time and without loss.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = {"platform", "audit", "identity", "contacts", "mailbox"})
@NullMarked
package ru.gospochta.notify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
