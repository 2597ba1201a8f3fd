package ru.gospochta.identity.internal.registration;

import org.jspecify.annotations.Nullable;

/** What the registration page posts, as typed. */
public record RegistrationForm(
        @Nullable String phone,
        @Nullable String surname,
        @Nullable String name,
        @Nullable String patronymic,
        @Nullable String birthDate,
        @Nullable String passport,
        @Nullable String address,
        @Nullable String snils,
        @Nullable String inn,
        @Nullable String password,
        @Nullable String passwordRepeat,
        @Nullable Boolean agreement) {

    /** A checkbox that was not ticked is not sent at all. */
    public boolean agreed() {
        return Boolean.TRUE.equals(agreement);
    }

    public static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
