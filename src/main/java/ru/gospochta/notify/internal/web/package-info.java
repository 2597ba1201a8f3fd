/** The citizen's pages of notifications: «Настройки уведомлений» (NTF-3) and the one-click unsubscribe (NTF-6). */
@NullMarked
package ru.gospochta.notify.internal.web;

import org.jspecify.annotations.NullMarked;
