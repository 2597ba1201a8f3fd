/** The administrators' pages of the notify module: letter templates under {@code /admin/notifications/templates} (NTF-4). */
@NullMarked
package ru.gospochta.notify.internal.web;

import org.jspecify.annotations.NullMarked;
