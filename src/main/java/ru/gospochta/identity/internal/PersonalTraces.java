package ru.gospochta.identity.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.BirthDate;
import ru.gospochta.identity.PersonName;
import ru.gospochta.identity.PersonalData;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;

/**
 * What a person's own data looks like inside a password: the name in Cyrillic and Latin, the
 * date of birth as people write it, the phone's tail and the SNILS digits. Someone who knows the
 * person tries these before anything else.
 */
public final class PersonalTraces {

    /** Shorter name parts («Ян», «Ли») would refuse too many unrelated passwords. */
    static final int MIN_NAME_PART = 3;
    static final int PHONE_TAIL = 7;

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[-' ]");
    private static final Pattern NUMBER_SEPARATORS = Pattern.compile("[\\s()+./-]");

    private final Set<String> nameSpellings;
    private final List<String> dateSpellings;
    private final @Nullable String birthYear;
    private final List<String> dayMonths;
    private final @Nullable String phoneTail;
    private final @Nullable String snilsNumber;

    private PersonalTraces(PersonalData about) {
        PersonName name = about.name();
        BirthDate birthDate = about.birthDate();
        PhoneNumber phone = about.phone();
        Snils snils = about.snils();
        this.nameSpellings = name == null ? Set.of() : nameSpellings(name);
        this.dateSpellings = birthDate == null ? List.of() : dateSpellings(birthDate.date());
        this.birthYear = birthDate == null ? null : "%04d".formatted(birthDate.date().getYear());
        this.dayMonths = birthDate == null ? List.of() : dayMonths(birthDate.date());
        this.phoneTail = phone == null ? null : phone.e164().substring(phone.e164().length() - PHONE_TAIL);
        this.snilsNumber = snils == null ? null : snils.digits().substring(0, 9);
    }

    public static PersonalTraces of(PersonalData about) {
        return new PersonalTraces(about);
    }

    /** @param password lower case with «ё» read as «е» */
    public boolean containsName(String password) {
        return nameSpellings.stream().anyMatch(password::contains);
    }

    public boolean containsBirthDate(String password) {
        if (dateSpellings.stream().anyMatch(password::contains)) {
            return true;
        }
        return birthYear != null && password.contains(birthYear) && dayMonths.stream().anyMatch(password::contains);
    }

    public boolean containsPhone(String password) {
        return phoneTail != null && digitsOf(password).contains(phoneTail);
    }

    public boolean containsSnils(String password) {
        return snilsNumber != null && digitsOf(password).contains(snilsNumber);
    }

    /** Words zxcvbn should treat as easy to guess for this person. */
    public List<String> userInputs() {
        List<String> inputs = new ArrayList<>(nameSpellings);
        inputs.addAll(dateSpellings);
        if (birthYear != null) {
            inputs.add(birthYear);
        }
        if (phoneTail != null) {
            inputs.add(phoneTail);
        }
        if (snilsNumber != null) {
            inputs.add(snilsNumber);
        }
        return List.copyOf(inputs);
    }

    /** Separators people put inside numbers are dropped so «916-123-45-67» still counts. */
    private static String digitsOf(String password) {
        return NUMBER_SEPARATORS.matcher(password).replaceAll("");
    }

    private static Set<String> nameSpellings(PersonName name) {
        List<String> parts = new ArrayList<>(List.of(name.surname(), name.name()));
        if (name.patronymic() != null) {
            parts.add(name.patronymic());
        }
        Set<String> spellings = new LinkedHashSet<>();
        for (String part : parts) {
            List<String> words = new ArrayList<>(List.of(NAME_SEPARATORS.split(part)));
            words.add(NAME_SEPARATORS.matcher(part).replaceAll(""));
            for (String word : words) {
                if (word.length() >= MIN_NAME_PART) {
                    spellings.addAll(Transliteration.spellings(word));
                }
            }
        }
        return spellings;
    }

    private static List<String> dateSpellings(LocalDate born) {
        String dd = "%02d".formatted(born.getDayOfMonth());
        String mm = "%02d".formatted(born.getMonthValue());
        String yyyy = "%04d".formatted(born.getYear());
        String yy = yyyy.substring(2);
        String d = String.valueOf(born.getDayOfMonth());
        String m = String.valueOf(born.getMonthValue());
        return List.of(dd + mm + yyyy, dd + mm + yy, yyyy + mm + dd,
                dd + "." + mm + "." + yyyy, dd + "." + mm + "." + yy, d + "." + m + "." + yyyy,
                dd + "-" + mm + "-" + yyyy, dd + "/" + mm + "/" + yyyy, yyyy + "-" + mm + "-" + dd);
    }

    /** Day and month, to be refused only next to the year of birth: «Kot0102!1990». */
    private static List<String> dayMonths(LocalDate born) {
        String dd = "%02d".formatted(born.getDayOfMonth());
        String mm = "%02d".formatted(born.getMonthValue());
        return List.of(dd + mm, dd + "." + mm);
    }
}
