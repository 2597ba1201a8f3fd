package ru.gospochta.mailbox.internal.messages;

import org.jspecify.annotations.Nullable;

/** PostgreSQL text cannot hold NUL, so a stray one from a sender is dropped rather than failing the delivery. */
final class Texts {

    private Texts() {
    }

    static String clean(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    static @Nullable String cleanOrNull(@Nullable String text) {
        return text == null ? null : clean(text);
    }
}
