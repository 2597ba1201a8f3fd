/** The administrators' pages of the agency registry under {@code /admin/agencies}. */
@NullMarked
package ru.gospochta.gateway.internal.web;

import org.jspecify.annotations.NullMarked;
