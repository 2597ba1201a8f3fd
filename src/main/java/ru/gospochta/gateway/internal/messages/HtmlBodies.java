package ru.gospochta.gateway.internal.messages;

import org.springframework.stereotype.Component;

import ru.gospochta.mailbox.SafeHtml;

/**
 * An agency's HTML body made safe for the mailbox, with its plain text for search and the text
 * alternative. The schema caps an HTML body below {@link SafeHtml#MAX_LENGTH}, so the sanitiser's
 * own limit is never what refuses it.
 */
@Component
class HtmlBodies {

    /** [safe HTML, its text]. */
    String[] sanitise(String html) {
        SafeHtml safe = SafeHtml.sanitise(html);
        return new String[] {safe.html(), safe.text()};
    }
}
