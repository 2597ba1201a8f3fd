package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.BirthDate;

class BirthDateTests {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    /** 15 June 2025, a quarter past midnight in Moscow — still 14 June in UTC. */
    private static final Clock TODAY = Clock.fixed(ZonedDateTime.of(2025, 6, 15, 0, 15, 0, 0, MOSCOW).toInstant(), MOSCOW);

    @Test
    @DisplayName("ACC-1: the date of birth is read as ДД.ММ.ГГГГ, 29 February of a leap year included")
    void readsRussianDates() {
        assertThat(BirthDate.parse("29.02.2000", TODAY).date()).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(BirthDate.parse(" 01.02.1990 ", TODAY).formatted()).isEqualTo("01.02.1990");
    }

    @ParameterizedTest
    @ValueSource(strings = {"29.02.2001", "31.02.2000", "31.04.1990", "00.01.1990", "01.13.1990"})
    @DisplayName("ACC-1: a day that is not in the calendar is refused")
    void refusesDaysThatDoNotExist(String typed) {
        assertThat(refusal(() -> BirthDate.parse(typed, TODAY)).code()).isEqualTo("identity.birth-date.not-a-date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.1990", "1990-02-01", "01/02/1990", "01.02.90", "01.02.1990 г.", ""})
    @DisplayName("ACC-1: a date not written as ДД.ММ.ГГГГ is refused")
    void refusesOtherFormats(String typed) {
        assertThat(refusal(() -> BirthDate.parse(typed, TODAY)).code()).isEqualTo("identity.birth-date.format");
        assertThat(refusal(() -> BirthDate.parse(typed, TODAY)).field()).isEqualTo("birthDate");
    }

    @Test
    @DisplayName("ACC-1: a date of birth after today is refused")
    void refusesFuture() {
        assertThat(refusal(() -> BirthDate.parse("16.06.2025", TODAY)).code()).isEqualTo("identity.birth-date.future");
        assertThat(refusal(() -> BirthDate.parse("15.06.2025", TODAY)).code()).isEqualTo("identity.birth-date.under-14");
    }

    @Test
    @DisplayName("ACC-1: a person who turns 14 today may register, one a day younger may not")
    void allowsFromTheFourteenthBirthday() {
        assertThat(BirthDate.parse("15.06.2011", TODAY).date()).isEqualTo(LocalDate.of(2011, 6, 15));
        assertThat(refusal(() -> BirthDate.parse("16.06.2011", TODAY)).code()).isEqualTo("identity.birth-date.under-14");
    }

    @Test
    @DisplayName("ACC-1: a person born on 29 February turns 14 on 28 February of a common year")
    void leapDayBirthdayComesOfAgeOnTheTwentyEighth() {
        Clock twentyEighth = Clock.fixed(ZonedDateTime.of(2026, 2, 28, 12, 0, 0, 0, MOSCOW).toInstant(), MOSCOW);
        Clock twentySeventh = Clock.fixed(ZonedDateTime.of(2026, 2, 27, 12, 0, 0, 0, MOSCOW).toInstant(), MOSCOW);

        assertThat(BirthDate.parse("29.02.2012", twentyEighth).date()).isEqualTo(LocalDate.of(2012, 2, 29));
        assertThat(refusal(() -> BirthDate.parse("29.02.2012", twentySeventh)).code())
                .isEqualTo("identity.birth-date.under-14");
    }

    @Test
    @DisplayName("ACC-1: a date of birth before 01.01.1900 is refused")
    void refusesBefore1900() {
        assertThat(BirthDate.parse("01.01.1900", TODAY).date()).isEqualTo(BirthDate.EARLIEST);
        assertThat(refusal(() -> BirthDate.parse("31.12.1899", TODAY)).code()).isEqualTo("identity.birth-date.too-old");
        assertThat(refusal(() -> new BirthDate(LocalDate.of(1812, 9, 7))).code()).isEqualTo("identity.birth-date.too-old");
    }
}
