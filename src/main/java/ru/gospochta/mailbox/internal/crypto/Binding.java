package ru.gospochta.mailbox.internal.crypto;

import java.util.UUID;

/**
 * The associated data of every sealed value: what it is and which row it belongs to. A body
 * copied onto another message, an attachment onto another file or a wrapped key onto another
 * mailbox no longer opens.
 */
public final class Binding {

    private Binding() {
    }

    public static String bodyText(UUID message) {
        return "gospochta/mailbox/body-text/" + message;
    }

    public static String bodyHtml(UUID message) {
        return "gospochta/mailbox/body-html/" + message;
    }

    public static String attachment(UUID message, UUID attachment) {
        return "gospochta/mailbox/attachment/" + message + "/" + attachment;
    }

    static String dataKey(UUID account, int version) {
        return "gospochta/mailbox/data-key/" + account + "/" + version;
    }
}
