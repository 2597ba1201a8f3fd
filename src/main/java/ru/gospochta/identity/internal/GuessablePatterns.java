package ru.gospochta.identity.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs and repeats that a guesser tries first: «1234», «dcba», «qwer», «йцук», «aaaa». Works on
 * lower-case text; a run is {@value #RUN} characters or more.
 */
public final class GuessablePatterns {

    static final int RUN = 4;

    /**
     * Alphabets and keyboard rows, each read forwards and backwards. The Russian alphabet comes
     * with and without «ё», since people skip it when they type it in order.
     */
    private static final List<String> LINES = List.of(
            "abcdefghijklmnopqrstuvwxyz",
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            "абвгдежзийклмнопрстуфхцчшщъыьэюя",
            "01234567890",
            "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./",
            "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю.",
            "!@#$%^&*()_+");

    private static final Set<String> RUNS = runs();

    private GuessablePatterns() {
    }

    /** True when the text holds a run like «1234», «4321», «abcd», «qwerty» or «йцукен». */
    public static boolean hasRun(String lowerCase) {
        for (int i = 0; i + RUN <= lowerCase.length(); i++) {
            if (RUNS.contains(lowerCase.substring(i, i + RUN))) {
                return true;
            }
        }
        return false;
    }

    /** True when one character stands {@value #RUN} or more times in a row, like «aaaa» or «1111». */
    public static boolean hasRepeat(String lowerCase) {
        int[] codePoints = lowerCase.codePoints().toArray();
        int same = 1;
        for (int i = 1; i < codePoints.length; i++) {
            same = codePoints[i] == codePoints[i - 1] ? same + 1 : 1;
            if (same >= RUN) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> runs() {
        Set<String> runs = new HashSet<>();
        for (String line : LINES) {
            String reversed = new StringBuilder(line).reverse().toString();
            for (int i = 0; i + RUN <= line.length(); i++) {
                runs.add(line.substring(i, i + RUN));
                runs.add(reversed.substring(i, i + RUN));
            }
        }
        return Set.copyOf(runs);
    }
}
