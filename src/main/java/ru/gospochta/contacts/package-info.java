/** Contacts: contact data of citizens — e-mail addresses and phones, their confirmation and actuality. */
@ApplicationModule(displayName = "Contacts", allowedDependencies = {"platform", "identity", "audit"})
@NullMarked
package ru.gospochta.contacts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
