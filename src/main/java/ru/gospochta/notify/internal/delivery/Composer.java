package ru.gospochta.notify.internal.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.catalogue.ShownValues;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.templates.Templates;

/**
 * Writes a claimed notification out (NTF-4): the event's template filled with its variables, in the
 * unified letter layout — sender, deadline, a link into the cabinet, the reminder that the portal
 * never asks for a password or code, and, on notices the citizen may switch off, the one-click
 * unsubscribe (NTF-6). A digest lists its events in order, each with its link.
 */
@Component
class Composer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One event as a letter shows it. Public: the templates read its accessors reflectively, and on
     * a type they cannot see they look for other ways in, throwing several exceptions a letter.
     */
    public record Item(String subject, String body, String sender, String link, @org.jspecify.annotations.Nullable String dueDate,
            @org.jspecify.annotations.Nullable String applicationNumber) {

        /** The event's template filled with its variables, dates and amounts shown as the language writes them. */
        static Item of(EventType type, Templates.Compiled template, Map<String, String> variables, Locale locale, String sender,
                String link) {
            Map<String, String> shown = ShownValues.of(type, variables, locale);
            Templates.Rendered rendered = template.render(shown);
            return new Item(rendered.subject(), rendered.body(), sender, link, shown.get("dueDate"), shown.get("applicationNumber"));
        }

        /** The body's lines that hold text, each a paragraph of the HTML letter. */
        public List<String> paragraphs() {
            return body.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    private final EventCatalogue catalogue;
    private final Templates templates;
    private final UnsubscribeTokens unsubscribe;
    private final LetterLayout layout;
    private final MessageSource messages;
    private final JdbcClient db;
    private final String publicUrl;

    Composer(EventCatalogue catalogue, Templates templates, UnsubscribeTokens unsubscribe,
            LetterLayout layout, MessageSource messages, JdbcClient db) {
        this.catalogue = catalogue;
        this.templates = templates;
        this.unsubscribe = unsubscribe;
        this.layout = layout;
        this.messages = messages;
        this.db = db;
        this.publicUrl = layout.publicUrl();
    }

    /** The notification written out; empty when its event type left the catalogue or a digest has no events. */
    Optional<Dispatch> compose(Claimed c, Preferences settings) {
        Locale locale = settings.language().locale();
        List<Item> items = new ArrayList<>();
        boolean mandatory;
        Category category;
        if (c.digest()) {
            items.addAll(digestItems(c.id(), locale));
            mandatory = false;
            category = null;
        } else {
            Optional<EventType> type = catalogue.type(c.eventType());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            items.add(item(type.get(), c.variables(), c.senderName(), c.messageId(), locale));
            mandatory = type.get().alwaysSent();
            // The stored category, which for an announced message is the message's own.
            category = c.category() == null ? type.get().category() : Category.byCode(c.category()).orElse(type.get().category());
        }
        if (items.isEmpty()) {
            return Optional.empty();
        }
        String subject = c.digest()
                ? messages.getMessage("notify.mail.digest.subject", new Object[] {items.size()}, locale)
                : items.getFirst().subject();
        Map<String, String> headers = new LinkedHashMap<>();
        String unsubscribeUrl = null;
        // A digest gathers categories, so it has no one category to stop: it points to the settings instead.
        if (!mandatory && category != null) {
            unsubscribeUrl = publicUrl + "/notifications/unsubscribe?t=" + unsubscribe.token(c.account(), category);
            headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        LetterLayout.Written letter = layout.write(subject, items, c.digest(), unsubscribeUrl, locale,
                settings.format() == Preferences.LetterFormat.HTML);
        Item first = items.getFirst();
        String shortText = messages.getMessage("notify.sms.text", new Object[] {first.subject(), first.link()}, locale);
        return Optional.of(new Dispatch(c.id(), c.account(), c.channel(), "ntf-" + c.id() + ".attempt-" + c.attempts(), subject,
                letter.text(), letter.html(), shortText, first.link(), headers));
    }

    private Item item(EventType type, Map<String, String> variables, @org.jspecify.annotations.Nullable String sender,
            @org.jspecify.annotations.Nullable UUID messageId, Locale locale) {
        return Item.of(type, templates.of(type, locale), variables, locale, sender == null ? "" : sender,
                publicUrl + "/cabinet/mailbox/messages/" + messageId);
    }

    private List<Item> digestItems(UUID digest, Locale locale) {
        return db.sql("""
                        SELECT e.type, e.variables, e.sender_name, e.message_id FROM notify.notifications n
                        JOIN notify.events e ON e.id = n.event_id
                        WHERE n.digest_id = :digest ORDER BY e.created_at, e.id""")
                .param("digest", digest)
                .query((rs, i) -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    JSON.readTree(rs.getString("variables")).properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
                    String sender = rs.getString("sender_name");
                    UUID message = rs.getObject("message_id", UUID.class);
                    return catalogue.type(rs.getString("type")).map(t -> item(t, values, sender, message, locale));
                })
                .list().stream().flatMap(Optional::stream).toList();
    }
}
