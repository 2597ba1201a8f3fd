package ru.gospochta.gateway.internal.messages;

import org.springframework.stereotype.Component;

import ru.gospochta.mailbox.SafeHtml;

/** An agency's HTML body made safe for the mailbox, and its plain text for search and the text alternative. */
@Component
class HtmlBodies {

    String sanitize(String html) {
        return SafeHtml.sanitize(html);
    }

    String text(String safeHtml) {
        return SafeHtml.text(safeHtml);
    }
}
