package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.Passport;

class PassportTests {

    @ParameterizedTest
    @ValueSource(strings = {"45 06 123456", "4506 123456", "4506123456", " 45 06  123456 "})
    @DisplayName("ACC-1: passport series and number are read in their usual spellings")
    void readsUsualSpellings(String typed) {
        Passport passport = Passport.parse(typed);

        assertThat(passport.series()).isEqualTo("4506");
        assertThat(passport.number()).isEqualTo("123456");
    }

    @Test
    @DisplayName("ACC-1: a passport is shown with most digits hidden")
    void masksDigits() {
        assertThat(Passport.parse("45 06 123456").masked()).isEqualTo("45 ** ***456");
        assertThat(Passport.parse("45 06 123456").toString()).doesNotContain("123").doesNotContain("06");
    }

    @ParameterizedTest
    @ValueSource(strings = {"45 0 123456", "45А6 123456", "450 123456", "", "серия 4506"})
    @DisplayName("ACC-1: a passport series that is not four digits is refused")
    void refusesWrongSeries(String typed) {
        assertThat(refusal(() -> Passport.parse(typed)).code()).isEqualTo("identity.passport.series");
        assertThat(refusal(() -> Passport.parse(typed)).field()).isEqualTo("passport");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4506 12345", "450612345", "4506 1234567", "45061234567", "4506 12345Б", "4506"})
    @DisplayName("ACC-1: a passport number that is not six digits is refused")
    void refusesWrongNumber(String typed) {
        assertThat(refusal(() -> Passport.parse(typed)).code()).isEqualTo("identity.passport.number");
    }
}
