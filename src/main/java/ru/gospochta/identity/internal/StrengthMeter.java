package ru.gospochta.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.StandardKeyboards;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.ZxcvbnBuilder;
import com.nulabinc.zxcvbn.matchers.Dictionary;

import ru.gospochta.identity.PasswordStrength.Hint;

/**
 * zxcvbn, loaded once: its dictionaries take a noticeable moment to read, and a built
 * {@link Zxcvbn} only reads them afterwards, so one instance serves all threads.
 */
public final class StrengthMeter {

    /** zxcvbn's name for the dictionary built from the words passed with each measurement. */
    private static final String USER_INPUTS = "user_inputs";

    /** Hands back the key instead of a text, so zxcvbn's English advice can become our message key. */
    private static final ResourceBundle KEYS = new ResourceBundle() {
        @Override
        protected Object handleGetObject(String key) {
            return key;
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.emptyEnumeration();
        }
    };

    private final Zxcvbn zxcvbn;
    private final Set<String> leakedPasswords;

    public StrengthMeter() {
        try {
            List<Dictionary> dictionaries = StandardDictionaries.loadAllDictionaries();
            this.leakedPasswords = dictionaries.stream()
                    .filter(dictionary -> dictionary.getName().equals(StandardDictionaries.PASSWORDS))
                    .findFirst().orElseThrow().getRankedDictionary().keySet();
            this.zxcvbn = new ZxcvbnBuilder().dictionaries(dictionaries)
                    .keyboards(StandardKeyboards.loadAllKeyboards()).build();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read zxcvbn's dictionaries", unreadable);
        }
    }

    /** zxcvbn's "passwords" frequency list, lower case. */
    public Set<String> leakedPasswords() {
        return leakedPasswords;
    }

    /** @param userInputs words zxcvbn treats as known to an attacker: the person's own data */
    public Measurement measure(String password, List<String> userInputs) {
        Strength strength = zxcvbn.measure(password, userInputs);
        boolean personal = strength.getSequence().stream()
                .anyMatch(match -> USER_INPUTS.equals(match.dictionaryName));
        if (personal) {
            return new Measurement(strength.getScore(), Optional.of(Hint.PERSONAL_DATA));
        }
        String warning = strength.getFeedback().withResourceBundle(KEYS).getWarning();
        Optional<Hint> hint = hintFor(warning);
        if (hint.isEmpty() && strength.getScore() < 3) {
            hint = Optional.of(Hint.ADD_WORDS);
        }
        return new Measurement(strength.getScore(), hint);
    }

    private static Optional<Hint> hintFor(String warningKey) {
        if (warningKey.startsWith("feedback.dictionary.warning.passwords")) {
            return Optional.of(Hint.COMMON_PASSWORD);
        }
        if (warningKey.startsWith("feedback.dictionary.warning.englishWikipedia")) {
            return Optional.of(Hint.SINGLE_WORD);
        }
        if (warningKey.startsWith("feedback.dictionary.warning.etc.names")) {
            return Optional.of(Hint.NAMES);
        }
        if (warningKey.startsWith("feedback.spatial")) {
            return Optional.of(Hint.KEYBOARD_PATTERN);
        }
        if (warningKey.startsWith("feedback.repeat")) {
            return Optional.of(Hint.REPEATS);
        }
        if (warningKey.startsWith("feedback.sequence")) {
            return Optional.of(Hint.SEQUENCES);
        }
        if (warningKey.startsWith("feedback.regex")) {
            return Optional.of(Hint.RECENT_YEARS);
        }
        if (warningKey.startsWith("feedback.date")) {
            return Optional.of(Hint.DATES);
        }
        return Optional.empty();
    }

    /** zxcvbn's score and the advice that goes with it. */
    public record Measurement(int score, Optional<Hint> hint) {
    }
}
