package ru.gospochta.mailbox.internal.web;

/**
 * The HTML body of a message as a document of its own for the sandboxed frame. The sender
 * sanitised it; the frame's sandbox and policy are the second line, so even markup that slipped
 * through can run nothing and load nothing.
 */
final class BodyDocument {

    private static final String HEAD = """
            <!DOCTYPE html>
            <html><head><meta charset="UTF-8"><meta name="referrer" content="no-referrer"><base target="_blank">
            <style>body{margin:1rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;\
            color:#0b1f33;overflow-wrap:anywhere}img{max-width:100%}a{color:#0d4cd3}</style></head><body>
            """;

    private BodyDocument() {
    }

    static String of(String safeHtml) {
        return HEAD + safeHtml + "\n</body></html>\n";
    }
}
