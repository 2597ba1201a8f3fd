package ru.gospochta.mailbox.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import ru.gospochta.mailbox.internal.messages.Cursor;

/** What the mailbox pages read from a request besides their parameters. */
final class Requests {

    private Requests() {
    }

    /** htmx asks for a fragment; a plain browser request gets the whole page. */
    static boolean fromHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** The cursor of a «Ещё» link; a link nobody could have been given is a bad request. */
    static @Nullable Cursor cursor(@Nullable String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        return Cursor.parse(after).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
    }
}
