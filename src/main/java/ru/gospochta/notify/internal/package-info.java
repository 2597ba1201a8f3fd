/** The notify module's implementation: the catalogue, intake, preferences, templates and the delivery pipeline. */
@NullMarked
package ru.gospochta.notify.internal;

import org.jspecify.annotations.NullMarked;
