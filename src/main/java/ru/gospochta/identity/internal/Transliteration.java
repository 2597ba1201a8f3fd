package ru.gospochta.identity.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ways a Russian word ends up in a Latin-only password: the passport's transliteration, the
 * everyday one people type, and the same keys pressed with the Latin layout switched on.
 */
public final class Transliteration {

    /** ICAO Doc 9303, used in Russian foreign passports since 2014. */
    private static final Map<Character, String> PASSPORT = table(
            "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
            "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia");

    /** The spelling most people choose by ear: «Юлия» as yuliya, «Михаил» as mihail. */
    private static final Map<Character, String> EVERYDAY = table(
            "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
            "f", "h", "c", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya");

    /** The Latin key under each letter of the ЙЦУКЕН layout. */
    private static final Map<Character, String> KEYBOARD = table(
            "f", ",", "d", "u", "l", "t", ";", "p", "b", "q", "r", "k", "v", "y", "j", "g", "h", "c", "n", "e",
            "a", "[", "w", "x", "i", "o", "]", "s", "m", "'", ".", "z");

    private Transliteration() {
    }

    /**
     * The word itself (lower case, «ё» read as «е») and its Latin spellings, without duplicates.
     * Characters outside the Russian alphabet are kept as they are.
     */
    public static Set<String> spellings(String word) {
        String cyrillic = foldCase(word);
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(cyrillic);
        spellings.add(convert(cyrillic, PASSPORT));
        spellings.add(convert(cyrillic, EVERYDAY));
        spellings.add(convert(cyrillic, KEYBOARD));
        return spellings;
    }

    /** Lower case with «ё» as «е», since people write either. */
    public static String foldCase(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private static String convert(String cyrillic, Map<Character, String> table) {
        StringBuilder latin = new StringBuilder(cyrillic.length() + 8);
        for (int i = 0; i < cyrillic.length(); i++) {
            char c = cyrillic.charAt(i);
            latin.append(table.getOrDefault(c, String.valueOf(c)));
        }
        return latin.toString();
    }

    /** The spellings of а…я in alphabetical order (without «ё», which {@link #foldCase} removes). */
    private static Map<Character, String> table(String... latin) {
        if (latin.length != 32) {
            throw new IllegalArgumentException("need a spelling for each of the 32 letters а…я");
        }
        Map<Character, String> table = new HashMap<>();
        for (int i = 0; i < latin.length; i++) {
            table.put((char) ('а' + i), latin[i]);
        }
        return Map.copyOf(table);
    }
}
