/**
 * The notify module's pages: «Настройки уведомлений» and the one-click unsubscribe for citizens
 * (NTF-3, NTF-6), and the letter templates under {@code /admin/notifications/templates} for
 * administrators (NTF-4).
 */
@NullMarked
package ru.gospochta.notify.internal.web;

import org.jspecify.annotations.NullMarked;
