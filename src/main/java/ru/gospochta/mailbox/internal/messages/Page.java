package ru.gospochta.mailbox.internal.messages;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/** One page of a list and where the next one starts; {@code next} is null on the last page. */
public record Page<T>(List<T> items, @Nullable Cursor next) {

    /** Cuts a list fetched with one row more than the page holds: that row only tells there is more. */
    static <T> Page<T> of(List<T> fetched, int size, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, size);
        return new Page<>(List.copyOf(shown), cursorOf.apply(shown.getLast()));
    }
}
