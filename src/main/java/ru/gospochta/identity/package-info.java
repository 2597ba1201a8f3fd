/**
 * Identity: who may sign in and how — citizens' accounts (registration, phone and identity
 * confirmation, passwords, second factors, recovery, sessions) and the staff accounts of the
 * admin area.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"platform", "audit"})
@NullMarked
package ru.gospochta.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
