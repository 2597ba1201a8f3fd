package ru.gospochta.identity.internal.recovery;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A wait told in plain words (ACC-7): «45 секунд», «1 минуту», «23 часа». Rounded up, so the
 * person who waits as told is never refused again; Russian needs three forms of each unit.
 */
final class WaitInWords {

    private WaitInWords() {
    }

    static String of(Duration wait, Locale locale, MessageSource messages) {
        long seconds = Math.max(1, Math.ceilDiv(wait.toMillis(), 1000));
        if (seconds < 60) {
            return count(seconds, "second", locale, messages);
        }
        long minutes = Math.ceilDiv(seconds, 60);
        if (minutes < 60) {
            return count(minutes, "minute", locale, messages);
        }
        return count(Math.ceilDiv(minutes, 60), "hour", locale, messages);
    }

    private static String count(long n, String unit, Locale locale, MessageSource messages) {
        String form = messages.getMessage("recovery.unit." + unit + "." + pluralForm(n, locale), null, locale);
        return n + " " + form;
    }

    /**
     * The CLDR plural categories the bundles use: one and many for English; one, few and many for
     * Russian, which is also what any other locale reads, the Russian bundle being the default.
     */
    static String pluralForm(long n, Locale locale) {
        if ("en".equals(locale.getLanguage())) {
            return n == 1 ? "one" : "many";
        }
        long lastTwo = n % 100;
        long last = n % 10;
        if (last == 1 && lastTwo != 11) {
            return "one";
        }
        if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) {
            return "few";
        }
        return "many";
    }
}
