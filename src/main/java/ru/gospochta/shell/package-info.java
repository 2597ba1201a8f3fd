/**
 * Web shell: the base layout, the landing page, languages, error pages, the admin area's
 * sign-in and the HTTP security policy every page is served under.
 */
@ApplicationModule(displayName = "Web shell")
@NullMarked
package ru.gospochta.shell;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
