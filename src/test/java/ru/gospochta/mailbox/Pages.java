package ru.gospochta.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the mailbox's HTML in tests: the ids of the rows a page lists and its «Ещё» link. */
final class Pages {

    private static final Pattern ROW = Pattern.compile("id=\"[mhd]-([0-9a-f-]{36})\"");
    private static final Pattern MORE = Pattern.compile("id=\"more\" href=\"([^\"]+)\"");

    private Pages() {
    }

    static List<UUID> rows(String html) {
        List<UUID> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(UUID.fromString(m.group(1)));
        }
        return ids;
    }

    static Optional<String> more(String html) {
        Matcher m = MORE.matcher(html);
        return m.find() ? Optional.of(m.group(1).replace("&amp;", "&")) : Optional.empty();
    }
}
