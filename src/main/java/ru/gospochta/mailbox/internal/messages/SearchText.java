package ru.gospochta.mailbox.internal.messages;

import java.util.List;

import ru.gospochta.mailbox.AcceptedFile;

/**
 * What full-text search indexes of a message (MBX-2): the subject, the body's text, and the file
 * names and extracted text of its attachments, each cut to a limit so one huge document cannot
 * blow the search vector's size.
 */
final class SearchText {

    private SearchText() {
    }

    static String body(String text, int limit) {
        return cut(Texts.clean(text), limit);
    }

    static String attachments(List<AcceptedFile> files, int limit) {
        StringBuilder text = new StringBuilder();
        for (AcceptedFile file : files) {
            if (text.length() >= limit) {
                break;
            }
            text.append(Texts.clean(file.fileName())).append('\n');
            if (file.text() != null) {
                text.append(Texts.clean(file.text())).append('\n');
            }
        }
        return cut(text.toString(), limit);
    }

    /** Cut at a character boundary, never between the two halves of a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }
}
