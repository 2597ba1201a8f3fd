package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PersonName;

class PersonNameTests {

    @Test
    @DisplayName("ACC-1: surname, name and patronymic make the full name and the initials")
    void buildsFullNameAndInitials() {
        PersonName name = PersonName.parse("Иванов", "Иван", "Иванович");

        assertThat(name.fullName()).isEqualTo("Иванов Иван Иванович");
        assertThat(name.initials()).isEqualTo("Иванов И. И.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    @DisplayName("ACC-1: the patronymic may be left out")
    void patronymicIsOptional(String patronymic) {
        PersonName name = PersonName.parse("Петрова", "Анна", patronymic);

        assertThat(name.patronymic()).isNull();
        assertThat(name.fullName()).isEqualTo("Петрова Анна");
        assertThat(name.initials()).isEqualTo("Петрова А.");
        assertThat(PersonName.parse("Петрова", "Анна", null)).isEqualTo(name);
    }

    @Test
    @DisplayName("ACC-1: hyphens, apostrophes, single spaces and the letter Ё are allowed; spaces are tidied")
    void acceptsCompoundNames() {
        PersonName name = PersonName.parse("  Салтыков-Щедрин ", "Анна  Мария", "Д’Артаньян");

        assertThat(name.surname()).isEqualTo("Салтыков-Щедрин");
        assertThat(name.name()).isEqualTo("Анна Мария");
        assertThat(name.patronymic()).isEqualTo("Д'Артаньян");
        assertThat(PersonName.parse("Ёлкин", "Пётр", "Фёдорович").initials()).isEqualTo("Ёлкин П. Ф.");
    }

    @Test
    @DisplayName("ACC-1: surname and name are required")
    void surnameAndNameAreRequired() {
        InvalidValue noSurname = refusal(() -> PersonName.parse("  ", "Иван", "Иванович"));
        InvalidValue noName = refusal(() -> PersonName.parse("Иванов", "", "Иванович"));

        assertThat(noSurname.code()).isEqualTo("identity.name.surname-required");
        assertThat(noSurname.field()).isEqualTo("surname");
        assertThat(noName.code()).isEqualTo("identity.name.name-required");
        assertThat(noName.field()).isEqualTo("name");
    }

    @ParameterizedTest
    @CsvSource({
            "Ivanov, Иван, Иванович, surname",
            "Иванов, Иван1, Иванович, name",
            "Иванов, Иван, Иванович!, patronymic",
            "Иванов, Иван, Ivanovich, patronymic",
            "Иванов_, Иван, Иванович, surname"})
    @DisplayName("ACC-1: a name part with Latin letters, digits or symbols is refused, naming the part")
    void refusesOtherCharacters(String surname, String name, String patronymic, String field) {
        InvalidValue refused = refusal(() -> PersonName.parse(surname, name, patronymic));

        assertThat(refused.code()).isEqualTo("identity.name.letters");
        assertThat(refused.field()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Иванов", "Иванов-", "'Иванов", "Салтыков--Щедрин", "Д''Артаньян", "Анна - Мария", "Анна -Мария"})
    @DisplayName("ACC-1: a hyphen, apostrophe or space at the edge or doubled is refused")
    void refusesMisplacedSeparators(String surname) {
        InvalidValue refused = refusal(() -> PersonName.parse(surname, "Иван", null));

        assertThat(refused.code()).isEqualTo("identity.name.separator");
        assertThat(refused.field()).isEqualTo("surname");
    }

    @Test
    @DisplayName("ACC-1: each name part has at most 60 characters")
    void limitsLength() {
        assertThat(PersonName.parse("Ф".repeat(60), "Иван", null).surname()).hasSize(60);

        InvalidValue refused = refusal(() -> PersonName.parse("Иванов", "Иван", "Ф".repeat(61)));

        assertThat(refused.code()).isEqualTo("identity.name.too-long");
        assertThat(refused.field()).isEqualTo("patronymic");
    }
}
