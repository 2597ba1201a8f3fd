package ru.gospochta.identity.internal.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one place where a refusal becomes words for the page: each broken password rule with its
 * own message, and waits said the way people say them — «через 15 минут», «через 1 час» (ACC-7).
 */
@Component
public class RefusalMessages {

    private static final String PREFIX = "security.refused.";
    private static final List<String> UNITS = List.of("seconds", "minutes", "hours");
    private static final List<String> FORMS = List.of("one", "few", "many");

    private final MessageSource messages;

    public RefusalMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** Every key this class can ask the bundle for, so a test can hold the bundle to them. */
    public static List<String> messageKeys() {
        List<String> keys = new ArrayList<>();
        for (SettingsRefused.Reason reason : SettingsRefused.Reason.values()) {
            keys.add(PREFIX + reason.key());
        }
        for (String unit : UNITS) {
            for (String form : FORMS) {
                keys.add("security.wait." + unit + "." + form);
            }
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

    /**
     * Rounded up, in the largest unit that keeps the number honest: seconds under a minute,
     * minutes up to an hour and a half, hours beyond.
     */
    public String inPlainWords(Duration wait, Locale locale) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        if (seconds < 60) {
            return counted(seconds, "seconds", locale);
        }
        long minutes = (seconds + 59) / 60;
        if (minutes <= 90) {
            return counted(minutes, "minutes", locale);
        }
        return counted((minutes + 59) / 60, "hours", locale);
    }

    private String counted(long count, String unit, Locale locale) {
        return messages.getMessage("security.wait." + unit + "." + pluralForm(count, locale), new Object[] {count}, locale);
    }

    /**
     * Russian has three forms — 1 минуту, 2 минуты, 5 минут — and English two; the Russian bundle
     * is also the default for any language without its own.
     */
    static String pluralForm(long count, Locale locale) {
        if (locale.getLanguage().equals(Locale.ENGLISH.getLanguage())) {
            return count == 1 ? "one" : "many";
        }
        long lastDigit = count % 10;
        long lastTwo = count % 100;
        if (lastDigit == 1 && lastTwo != 11) {
            return "one";
        }
        if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14)) {
            return "few";
        }
        return "many";
    }
}
