package ru.gospochta.identity.internal.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.Waits;

/**
 * The one place where a refusal becomes words for the page: each broken password rule with its
 * own message, and waits said the way people say them — «через 15 минут», «через 1 час» (ACC-7).
 */
@Component
public class RefusalMessages {

    private static final String PREFIX = "security.refused.";
    private final MessageSource messages;
    private final Waits waits;

    public RefusalMessages(MessageSource messages, Waits waits) {
        this.messages = messages;
        this.waits = waits;
    }

    /** Every key this class can ask the bundle for, so a test can hold the bundle to them. */
    public static List<String> messageKeys() {
        List<String> keys = new ArrayList<>();
        for (SettingsRefused.Reason reason : SettingsRefused.Reason.values()) {
            keys.add(PREFIX + reason.key());
        }
        return keys;
    }

    List<String> explain(SettingsRefused refused, Locale locale) {
        return switch (refused.reason()) {
            case WEAK_PASSWORD -> refused.violations().stream()
                    .map(violation -> messages.getMessage(violation.code(), null, locale))
                    .toList();
            case MUST_WAIT, SMS_LIMIT -> List.of(messages.getMessage(PREFIX + refused.reason().key(),
                    new Object[] {inPlainWords(refused.waitTime().orElse(Duration.ZERO), locale)}, locale));
            default -> List.of(messages.getMessage(PREFIX + refused.reason().key(), null, locale));
        };
    }

    /** A wait in words, as {@link Waits} says it. */
    public String inPlainWords(Duration wait, Locale locale) {
        return waits.inWords(wait, locale);
    }
}
