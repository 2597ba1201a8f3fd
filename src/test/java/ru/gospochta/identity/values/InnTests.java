package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.Inn;
import ru.gospochta.identity.InvalidValue;

/*
 * Check digits worked out by the tax service's rule, each (sum mod 11) mod 10:
 *   5001007322..: 11th over 5,0,0,1,0,0,7,3,2,2 x 7,2,4,10,3,5,9,4,6,8
 *                 = 35+0+0+10+0+0+63+12+12+16 = 148, 148 mod 11 = 5   -> 5
 *                 12th over 5,0,0,1,0,0,7,3,2,2,5 x 3,7,2,4,10,3,5,9,4,6,8
 *                 = 15+0+0+4+0+0+35+27+8+12+40 = 141, 141 mod 11 = 9 -> 500100732259
 *   7707083893..: 11th 3, 12th 4                                         -> 770708389324
 *   1234567890..: 11th 4, 12th 7                                         -> 123456789047
 */
class InnTests {

    @ParameterizedTest
    @ValueSource(strings = {"500100732259", "770708389324", "123456789047", " 5001 0073 2259 "})
    @DisplayName("ACC-1: a person's INN with matching check digits is accepted")
    void acceptsValidNumbers(String typed) {
        assertThat(Inn.parse(typed).digits()).hasSize(12).isEqualTo(typed.replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500100732258", "500100732250", "500100732269", "500100732249", "600100732259"})
    @DisplayName("ACC-1: an INN with a wrong check digit is refused")
    void refusesWrongCheckDigits(String typed) {
        assertThat(refusal(() -> Inn.parse(typed)).code()).isEqualTo("identity.inn.checksum");
    }

    @Test
    @DisplayName("ACC-1: an organisation's 10-digit INN is refused as not a person's")
    void refusesLegalEntityNumber() {
        InvalidValue refused = refusal(() -> Inn.parse("7707083893"));

        assertThat(refused.field()).isEqualTo("inn");
        assertThat(refused.code()).isEqualTo("identity.inn.not-individual");
    }

    @ParameterizedTest
    @ValueSource(strings = {"50010073225", "5001007322591", "50010073225X", "", "ИНН500100732259"})
    @DisplayName("ACC-1: an INN that is not twelve digits is refused as malformed")
    void refusesMalformed(String typed) {
        assertThat(refusal(() -> Inn.parse(typed)).code()).isEqualTo("identity.inn.format");
    }

    @Test
    @DisplayName("ACC-1: an INN in a log line shows only its check digits")
    void hidesDigitsInToString() {
        assertThat(Inn.parse("500100732259").toString()).doesNotContain("5001007322").endsWith("59]");
    }
}
