/**
 * Audit: the append-only, hash-chained log of who did what, to what, when, from where and with
 * what outcome (SEC-4), and the check that proves no entry was changed or removed (EVD-3).
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = {"platform"})
@NullMarked
package ru.gospochta.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
