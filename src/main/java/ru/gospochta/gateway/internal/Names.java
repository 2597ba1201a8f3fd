package ru.gospochta.gateway.internal;

import java.util.regex.Pattern;

/** Names typed into the registry's forms, tidied before they are checked and stored. */
final class Names {

    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s\\u00A0]+");

    private Names() {
    }

    /** Control characters and runs of spaces become one space; the ends are trimmed. */
    static String tidy(String typed) {
        return CONTROL_OR_SPACE.matcher(typed).replaceAll(" ").strip();
    }

    static boolean fits(String tidied, int min, int max) {
        int length = tidied.codePointCount(0, tidied.length());
        return length >= min && length <= max;
    }
}
