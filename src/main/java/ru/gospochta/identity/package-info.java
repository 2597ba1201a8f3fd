/**
 * Identity: who may sign in. For now the staff accounts (administrators) that guard the admin
 * area; citizens' accounts, second factors and sessions land here next.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"platform", "audit"})
@NullMarked
package ru.gospochta.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
