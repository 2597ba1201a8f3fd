package ru.gospochta.mailbox.internal.web;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

import ru.gospochta.mailbox.internal.messages.Cursor;
import ru.gospochta.mailbox.internal.messages.Direction;
import ru.gospochta.mailbox.internal.messages.MessageFilter;
import ru.gospochta.mailbox.internal.messages.ReadState;

/**
 * The history's GET form as it arrives; an empty field means «все». A date that is not a date, or
 * a direction or state the form never offers, is a bad request.
 */
record HistoryForm(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, @Nullable Direction direction,
        @Nullable ReadState state, @Nullable String category, @Nullable UUID agency, @Nullable String q,
        @Nullable String after) {

    MessageFilter filter() {
        return new MessageFilter(null, from, to, direction, state, category, agency, q);
    }

    /** The same filter, continued after the cursor. */
    static String link(String path, MessageFilter filter, Cursor next) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        add(link, "from", filter.from());
        add(link, "to", filter.to());
        add(link, "direction", filter.direction());
        add(link, "state", filter.state());
        add(link, "category", filter.category());
        add(link, "agency", filter.agency());
        add(link, "q", filter.query());
        return link.queryParam("after", next).encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder link, String name, @Nullable Object value) {
        if (value != null) {
            link.queryParam(name, value);
        }
    }
}
