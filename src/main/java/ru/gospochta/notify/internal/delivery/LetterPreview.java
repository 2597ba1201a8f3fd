package ru.gospochta.notify.internal.delivery;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.catalogue.Variable;
import ru.gospochta.notify.internal.templates.Templates;

/**
 * A template written out with sample values in the unified layout, exactly as a letter of its type
 * would read (NTF-4), so an administrator sees it before publishing. Nothing is sent or stored.
 */
@Component
public class LetterPreview {

    /** The letter as its reader would get it: subject, plain text and HTML. */
    public record Preview(String subject, String text, String html) {
    }

    /** Sample dates are today in the portal's own time, as the other admin pages show times. */
    private static final ZoneId PORTAL_TIME = ZoneId.of("Europe/Moscow");
    static final String SAMPLE_AMOUNT = "1234.56";
    static final String SAMPLE_URL = "/cabinet";

    private final LetterLayout layout;
    private final MessageSource messages;
    private final Clock clock;

    LetterPreview(LetterLayout layout, MessageSource messages, Clock clock) {
        this.layout = layout;
        this.messages = messages;
        this.clock = clock;
    }

    /** The template filled with {@link #samples} in its own language, with every variable given so each section shows. */
    public Preview of(EventType type, Templates.Compiled template) {
        Locale locale = Locale.of(template.locale());
        Composer.Item item = Composer.Item.of(type, template, samples(type, locale), locale,
                messages.getMessage("notify.templates.sample.sender", null, locale), layout.publicUrl() + "/cabinet/mailbox");
        // The one-click link of a real letter carries a token for its reader; a sample has no reader.
        String unsubscribe = type.alwaysSent() ? null : layout.publicUrl() + "/notifications/unsubscribe?t=sample";
        LetterLayout.Written letter = layout.write(item.subject(), List.of(item), false, unsubscribe, locale, true);
        return new Preview(item.subject(), letter.text(), letter.html() == null ? "" : letter.html());
    }

    /** A value of each variable in its exchange form: a text naming the variable, today, an amount, the cabinet. */
    public Map<String, String> samples(EventType type, Locale locale) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable v : type.variables()) {
            values.put(v.name(), switch (v.kind()) {
                case TEXT -> messages.getMessage("notify.templates.sample.text", new Object[] {v.name()}, locale);
                case DATE -> LocalDate.now(clock.withZone(PORTAL_TIME)).toString();
                case AMOUNT -> SAMPLE_AMOUNT;
                case URL -> SAMPLE_URL;
            });
        }
        return values;
    }
}
