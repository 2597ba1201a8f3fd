/** «Настройки уведомлений» (NTF-3): the grid of categories and channels, digests, format, quiet hours, consent. */
@NullMarked
package ru.gospochta.notify.internal.preferences;

import org.jspecify.annotations.NullMarked;
