package ru.gospochta.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Passwords that guessers try first: zxcvbn's frequency list of leaked passwords and our list of
 * what Russian speakers choose. A password counts as common when it is on a list as a whole, or
 * once its tail of digits and symbols is cut off and look-alike symbols are read as letters —
 * «P@ssw0rd2024!» is «password».
 */
public final class CommonPasswords {

    static final String RUSSIAN_LIST = "/identity/common-passwords-ru.txt";

    /** A shorter stem is too likely to be on a list of 30,000 by chance to refuse a password for it. */
    private static final int MIN_STEM = 4;

    private static final Pattern TAIL = Pattern.compile("[^\\p{L}]+$");

    /** Substitutions people make to look clever; «1» and «!» stand for «i» or «l». */
    private static final String LEET_FROM = "0@43$57|";
    private static final String LEET_TO = "oaaesstl";

    private final Set<String> leaked;
    private final Set<String> russian;

    /** @param leaked zxcvbn's "passwords" dictionary, lower case */
    public CommonPasswords(Set<String> leaked) {
        this.leaked = Set.copyOf(leaked);
        this.russian = loadRussian();
    }

    public boolean contains(String password) {
        String whole = Transliteration.foldCase(password);
        if (known(whole)) {
            return true;
        }
        String stem = TAIL.matcher(whole).replaceAll("");
        if (stem.length() < MIN_STEM) {
            return false;
        }
        String folded = fold(stem);
        return known(stem) || known(folded.replace('1', 'i').replace('!', 'i'))
                || known(folded.replace('1', 'l').replace('!', 'l'));
    }

    private boolean known(String candidate) {
        return leaked.contains(candidate) || russian.contains(candidate);
    }

    private static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = LEET_FROM.indexOf(c);
            folded.append(at < 0 ? c : LEET_TO.charAt(at));
        }
        return folded.toString();
    }

    /** Each Cyrillic entry also stands for its Latin spellings, «пароль» for parol and gfhjkm. */
    private static Set<String> loadRussian() {
        Set<String> entries = new HashSet<>();
        for (String line : readLines()) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.addAll(Transliteration.spellings(entry));
            }
        }
        return Set.copyOf(entries);
    }

    private static List<String> readLines() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RUSSIAN_LIST)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RUSSIAN_LIST);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + RUSSIAN_LIST, unreadable);
        }
    }
}
