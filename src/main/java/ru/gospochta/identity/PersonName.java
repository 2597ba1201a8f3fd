package ru.gospochta.identity;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A person's surname, name and optional patronymic as written in the Russian passport: Cyrillic
 * letters, with hyphen, apostrophe or a single space only between letters. Spaces around and
 * runs of spaces inside a part are tidied away; a blank patronymic means there is none.
 */
public record PersonName(String surname, String name, @Nullable String patronymic) {

    public static final int MAX_LENGTH = 60;

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern APOSTROPHES = Pattern.compile("[\\u2019\\u02BC]");
    private static final Pattern HYPHENS = Pattern.compile("[\\u2010\\u2011]");

    public PersonName {
        surname = tidy(surname);
        name = tidy(name);
        patronymic = patronymic == null || patronymic.isBlank() ? null : tidy(patronymic);
        if (surname.isEmpty()) {
            throw new InvalidValue("surname", "identity.name.surname-required", "surname is required");
        }
        if (name.isEmpty()) {
            throw new InvalidValue("name", "identity.name.name-required", "name is required");
        }
        check("surname", surname);
        check("name", name);
        if (patronymic != null) {
            check("patronymic", patronymic);
        }
    }

    /** Reads the three form fields; the patronymic may be empty or missing. */
    public static PersonName parse(String surname, String name, @Nullable String patronymic) {
        return new PersonName(surname, name, patronymic);
    }

    /** Surname, name and patronymic in the order of Russian documents: «Иванов Иван Иванович». */
    public String fullName() {
        return patronymic == null ? surname + " " + name : surname + " " + name + " " + patronymic;
    }

    /** The surname with initials, as on letters and lists: «Иванов И. И.». */
    public String initials() {
        String initials = surname + " " + initial(name);
        return patronymic == null ? initials : initials + " " + initial(patronymic);
    }

    private static String initial(String part) {
        return Character.toUpperCase(part.charAt(0)) + ".";
    }

    /** Typographic apostrophes and hyphens that phones insert are read as the plain ones. */
    private static String tidy(String part) {
        String spaced = WHITESPACE.matcher(part.strip()).replaceAll(" ");
        return HYPHENS.matcher(APOSTROPHES.matcher(spaced).replaceAll("'")).replaceAll("-");
    }

    private static void check(String field, String part) {
        if (!part.chars().allMatch(c -> isCyrillicLetter(c) || isSeparator(c))) {
            throw new InvalidValue(field, "identity.name.letters",
                    "only Cyrillic letters, hyphen, apostrophe and space are allowed");
        }
        if (isSeparator(part.charAt(0)) || isSeparator(part.charAt(part.length() - 1)) || hasAdjacentSeparators(part)) {
            throw new InvalidValue(field, "identity.name.separator",
                    "hyphen, apostrophe and space may only stand between letters");
        }
        if (part.length() > MAX_LENGTH) {
            throw new InvalidValue(field, "identity.name.too-long", "longer than " + MAX_LENGTH + " characters");
        }
    }

    private static boolean hasAdjacentSeparators(String part) {
        for (int i = 1; i < part.length(); i++) {
            if (isSeparator(part.charAt(i - 1)) && isSeparator(part.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCyrillicLetter(int c) {
        return (c >= 'А' && c <= 'я') || c == 'Ё' || c == 'ё';
    }

    private static boolean isSeparator(int c) {
        return c == '-' || c == '\'' || c == ' ';
    }
}
