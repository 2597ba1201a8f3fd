package ru.gospochta.mailbox;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * An agency's HTML body made safe to show in the citizen's cabinet (GW-2, MBX-1), and its plain
 * text for search and for the text alternative. An allow-list keeps the structure of an official
 * letter (paragraphs, headings, lists, tables, emphasis, links) and drops everything else:
 * scripts, styles, frames, forms, event handlers, and images, whose remote addresses would tell
 * the sender when and where a letter was opened.
 */
public final class SafeHtml {

    /** The longest HTML body accepted, in characters: a letter, not a document (documents are attachments). */
    public static final int MAX_LENGTH = 1_000_000;

    /** The HTML was longer than {@link #MAX_LENGTH}; nothing of it was read. */
    public static final class TooLarge extends IllegalArgumentException {
        TooLarge(int length) {
            super("an HTML body of " + length + " characters is over the limit of " + MAX_LENGTH);
        }
    }

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "div", "span", "br", "hr", "blockquote", "pre", "code",
                    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
                    "b", "i", "strong", "em", "u", "s", "sub", "sup", "small")
            .allowAttributes("colspan", "rowspan").matching(Pattern.compile("[1-9][0-9]?")).onElements("td", "th")
            .allowAttributes("scope").matching(Pattern.compile("row|col|rowgroup|colgroup")).onElements("th")
            .allowElements((element, attributes) -> {
                // A link is opened away from the cabinet, so that the letter's page cannot be steered by it.
                if (attributes.contains("href")) {
                    attributes.add("target");
                    attributes.add("_blank");
                }
                return element;
            }, "a")
            .allowAttributes("href").onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    /** Elements after which the text goes on in a new paragraph, or on a new line. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
            "ol", "dl", "blockquote", "pre", "hr");
    private static final Set<String> LINES = Set.of("div", "br", "li", "tr", "caption", "dt", "dd");

    private final String html;
    private final String text;

    private SafeHtml(String html, String text) {
        this.html = html;
        this.text = text;
    }

    /**
     * Sanitises an untrusted HTML body.
     *
     * @throws TooLarge when it is longer than {@link #MAX_LENGTH} characters
     */
    public static SafeHtml sanitise(String untrusted) {
        if (untrusted.length() > MAX_LENGTH) {
            throw new TooLarge(untrusted.length());
        }
        StringBuilder html = new StringBuilder(untrusted.length());
        PlainText text = new PlainText();
        HtmlStreamRenderer renderer = HtmlStreamRenderer.create(html, ignoredBadHtml -> {
        });
        HtmlSanitizer.sanitize(untrusted, POLICY.apply(new Both(renderer, text)));
        return new SafeHtml(html.toString(), text.result());
    }

    /** The sanitised HTML, to be put into a page as it is. */
    public String html() {
        return html;
    }

    /** What the letter says, without markup: paragraphs on their own lines, a link's address after its words. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeHtml that && html.equals(that.html);
    }

    @Override
    public int hashCode() {
        return html.hashCode();
    }

    @Override
    public String toString() {
        return html;
    }

    /** Hands the sanitiser's output both to the HTML writer and to the text writer, so the two never disagree. */
    private record Both(HtmlStreamEventReceiver html, HtmlStreamEventReceiver text) implements HtmlStreamEventReceiver {

        @Override
        public void openDocument() {
            html.openDocument();
            text.openDocument();
        }

        @Override
        public void closeDocument() {
            html.closeDocument();
            text.closeDocument();
        }

        @Override
        public void openTag(String element, List<String> attributes) {
            html.openTag(element, attributes);
            text.openTag(element, attributes);
        }

        @Override
        public void closeTag(String element) {
            html.closeTag(element);
            text.closeTag(element);
        }

        @Override
        public void text(String chunk) {
            html.text(chunk);
            text.text(chunk);
        }
    }

    /** Plain text from the sanitised stream: white space collapsed, blocks on their own lines, cells apart. */
    private static final class PlainText implements HtmlStreamEventReceiver {

        private final StringBuilder out = new StringBuilder();
        private boolean pendingSpace;
        private int preformatted;
        private String link = "";
        private int linkStart;

        @Override
        public void openDocument() {
        }

        @Override
        public void closeDocument() {
        }

        @Override
        public void openTag(String element, List<String> attributes) {
            String name = element.toLowerCase(Locale.ROOT);
            if (PARAGRAPHS.contains(name)) {
                breakLines(2);
            } else if (LINES.contains(name)) {
                breakLines(1);
            } else if (name.equals("td") || name.equals("th")) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\t');
                }
                pendingSpace = false;
            }
            if (name.equals("li")) {
                out.append("• ");
            } else if (name.equals("pre")) {
                preformatted++;
            } else if (name.equals("a")) {
                link = attribute(attributes, "href");
                linkStart = out.length();
            }
        }

        @Override
        public void closeTag(String element) {
            String name = element.toLowerCase(Locale.ROOT);
            if (name.equals("a") && !link.isEmpty()) {
                String words = out.substring(linkStart).strip();
                String address = link.startsWith("mailto:") ? link.substring("mailto:".length()) : link;
                if (!words.equals(address)) {
                    text(" (" + address + ")");
                }
                link = "";
            } else if (name.equals("pre")) {
                preformatted = Math.max(0, preformatted - 1);
            }
            if (PARAGRAPHS.contains(name)) {
                breakLines(2);
            } else if (LINES.contains(name)) {
                breakLines(1);
            }
        }

        @Override
        public void text(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (preformatted > 0 && (c == '\n' || c == '\t' || c == ' ')) {
                    out.append(c);
                } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && !out.isEmpty() && !endsWithBlank()) {
                        out.append(' ');
                    }
                    pendingSpace = false;
                    out.append(c);
                }
            }
        }

        String result() {
            return out.toString().strip();
        }

        private boolean endsWithBlank() {
            char last = out.charAt(out.length() - 1);
            return last == '\n' || last == '\t' || last == ' ';
        }

        /** Ends the current line and leaves at most {@code lines - 1} empty lines before the next. */
        private void breakLines(int lines) {
            pendingSpace = false;
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            if (out.isEmpty()) {
                return;
            }
            int trailing = 0;
            while (trailing < out.length() && out.charAt(out.length() - 1 - trailing) == '\n') {
                trailing++;
            }
            for (int i = trailing; i < lines; i++) {
                out.append('\n');
            }
        }

        private static String attribute(List<String> attributes, String name) {
            for (int i = 0; i + 1 < attributes.size(); i += 2) {
                if (attributes.get(i).equals(name)) {
                    return Objects.requireNonNullElse(attributes.get(i + 1), "");
                }
            }
            return "";
        }
    }
}
