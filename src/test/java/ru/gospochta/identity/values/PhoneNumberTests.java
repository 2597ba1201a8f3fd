package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.PhoneNumber;

class PhoneNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"8 916 123-45-67", "+7 (916) 123-45-67", "9161234567", "+79161234567", " 8(916)1234567 "})
    @DisplayName("ACC-1: a mobile number is read in its usual Russian spellings and kept in E.164")
    void readsUsualSpellings(String typed) {
        assertThat(PhoneNumber.parse(typed).e164()).isEqualTo("+79161234567");
    }

    @Test
    @DisplayName("ACC-1: a mobile number abroad is accepted with its country code")
    void acceptsForeignMobile() {
        assertThat(PhoneNumber.parse("+375 29 123-45-67").e164()).isEqualTo("+375291234567");
    }

    @Test
    @DisplayName("ACC-1: the number a code went to is shown with its middle hidden")
    void masksTheMiddle() {
        assertThat(PhoneNumber.parse("8 916 123-45-67").masked()).isEqualTo("+7 916 ***-**-67");
        assertThat(PhoneNumber.parse("+375 29 123-45-67").masked()).isEqualTo("+375 291 ****67");
        assertThat(PhoneNumber.parse("8 916 123-45-67").toString()).doesNotContain("12345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+7 495 123-45-67", "8 (812) 555-12-12", "8 800 555-35-35"})
    @DisplayName("ACC-1: a landline or service number cannot receive the SMS code and is refused")
    void refusesNumbersThatAreNotMobile(String typed) {
        assertThat(refusal(() -> PhoneNumber.parse(typed)).code()).isEqualTo("identity.phone.not-mobile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+7 916 123 45", "+7 916 123 45 678", "телефон", "", "+7 (916)"})
    @DisplayName("ACC-1: a malformed phone number is refused")
    void refusesMalformed(String typed) {
        assertThat(refusal(() -> PhoneNumber.parse(typed)).code()).isEqualTo("identity.phone.format");
        assertThat(refusal(() -> PhoneNumber.parse(typed)).field()).isEqualTo("phone");
    }

    @Test
    @DisplayName("ACC-1: a phone number is constructed only from its E.164 form")
    void constructorTakesOnlyE164() {
        assertThat(new PhoneNumber("+79161234567")).isEqualTo(PhoneNumber.parse("8 916 123-45-67"));
        assertThat(refusal(() -> new PhoneNumber("8 916 123-45-67")).code()).isEqualTo("identity.phone.format");
        assertThat(refusal(() -> new PhoneNumber("+74951234567")).code()).isEqualTo("identity.phone.not-mobile");
    }
}
