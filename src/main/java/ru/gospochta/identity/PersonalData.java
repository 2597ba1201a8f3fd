package ru.gospochta.identity;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a person when they choose a password, so the {@link PasswordPolicy} can
 * refuse passwords built from it. Registration passes what the form holds so far; any part may be
 * missing.
 */
public record PersonalData(@Nullable PersonName name, @Nullable BirthDate birthDate, @Nullable PhoneNumber phone,
        @Nullable Snils snils) {

    /** Nothing known, e.g. before the first form field is filled in. */
    public static PersonalData none() {
        return new PersonalData(null, null, null, null);
    }
}
