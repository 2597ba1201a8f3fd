package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.Address;

class AddressTests {

    @Test
    @DisplayName("ACC-1: a registration address is kept trimmed, with single spaces")
    void keepsTidyText() {
        assertThat(Address.parse("  г. Москва,  ул. Тверская, д. 1, кв. 5 ").text())
                .isEqualTo("г. Москва, ул. Тверская, д. 1, кв. 5");
    }

    @Test
    @DisplayName("ACC-1: a registration address has 10 to 300 characters")
    void limitsLength() {
        assertThat(Address.parse("Москва, 1а").text()).hasSize(10);
        assertThat(Address.parse("ул. Ленина " + "д".repeat(289)).text()).hasSize(300);

        assertThat(refusal(() -> Address.parse("Москва, 1")).code()).isEqualTo("identity.address.length");
        assertThat(refusal(() -> Address.parse("ул. Ленина " + "д".repeat(290))).code()).isEqualTo("identity.address.length");
        assertThat(refusal(() -> Address.parse("   ")).field()).isEqualTo("address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"г. Москва,\nул. Тверская, д. 1", "г. Москва,\tул. Тверская", "г. Москва, ул. \u202EяаксревТ", "г. Москва\u0000, ул. Тверская"})
    @DisplayName("ACC-1: a registration address with control or invisible formatting characters is refused")
    void refusesControlCharacters(String typed) {
        assertThat(refusal(() -> Address.parse(typed)).code()).isEqualTo("identity.address.characters");
    }

    @Test
    @DisplayName("ACC-1: a registration address without letters is refused")
    void requiresLetters() {
        assertThat(refusal(() -> Address.parse("123456, 7, 8, 9")).code()).isEqualTo("identity.address.letters");
    }
}
