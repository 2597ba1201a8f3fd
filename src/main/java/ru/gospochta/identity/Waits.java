package ru.gospochta.identity;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A wait told in plain words (ACC-7): «45 секунд», «1 минуту», «15 минут», «2 часа». Rounded up,
 * so whoever waits as told is never refused again.
 */
@Component
public class Waits {

    private final MessageSource messages;

    public Waits(MessageSource messages) {
        this.messages = messages;
    }

    /** Seconds under a minute, minutes up to an hour and a half, hours beyond. */
    public String inWords(Duration wait, Locale locale) {
        // Whole milliseconds first: stored times keep microseconds, and a wait of 45.0000005 s is
        // «45 секунд», not 46.
        long seconds = Math.max(1, Math.ceilDiv(wait.toMillis(), 1000));
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
        return messages.getMessage("identity.wait." + unit + "." + pluralForm(count, locale), new Object[] {count}, locale);
    }

    /**
     * Russian has three forms — 1 минуту, 2 минуты, 5 минут — and English two; the Russian bundle
     * is also the default for any language without its own.
     */
    public static String pluralForm(long count, Locale locale) {
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
