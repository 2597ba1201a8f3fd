package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.Refusals.refusal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.Snils;

/*
 * Check numbers below are worked out by the Pension Fund's rule, weights 9..1 over the first
 * nine digits:
 *   112-233-445: 9+8+14+12+15+12+12+8+5         =  95 -> 95
 *   123-500-079: 9+16+21+30+0+0+0+14+9          =  99 -> 99
 *   123-460-000: 9+16+21+24+30                  = 100 -> 00
 *   123-460-001: 100+1                          = 101 -> 00
 *   123-460-002: 100+2                          = 102 -> 102 mod 101 = 01
 *   123-498-999: 9+16+21+24+45+32+27+18+9       = 201 -> 201 mod 101 = 100 -> 00
 *   001-001-999: 0+0+7+0+0+4+27+18+9             =  65 -> 65
 */
class SnilsTests {

    @ParameterizedTest
    @ValueSource(strings = {"112-233-445 95", "11223344595", "112 233 445 95", "  112-233-445 95 "})
    @DisplayName("ACC-1: SNILS is read in its usual spellings and kept as eleven digits")
    void readsUsualSpellings(String typed) {
        Snils snils = Snils.parse(typed);

        assertThat(snils.digits()).isEqualTo("11223344595");
        assertThat(snils.formatted()).isEqualTo("112-233-445 95");
    }

    @ParameterizedTest
    @ValueSource(strings = {"112-233-445 96", "112-233-445 94", "112-233-446 95", "212-233-445 95"})
    @DisplayName("ACC-1: SNILS with a wrong check number is refused")
    void refusesWrongCheckNumber(String typed) {
        assertThat(refusal(() -> Snils.parse(typed)).code()).isEqualTo("identity.snils.checksum");
        assertThat(refusal(() -> Snils.parse(typed)).field()).isEqualTo("snils");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-500-079 99", "123-460-000 00", "123-460-001 00", "123-460-002 01", "123-498-999 00"})
    @DisplayName("ACC-1: SNILS check sums of 100 and 101 give 00, larger sums are taken modulo 101")
    void appliesEdgesOfTheCheckRule(String typed) {
        assertThat(Snils.parse(typed).formatted()).isEqualTo(typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-460-000 01", "123-460-001 01", "123-498-999 99", "123-460-002 02", "123-500-079 00"})
    @DisplayName("ACC-1: SNILS check sums at the edges refuse the wrong check number")
    void refusesWrongCheckNumberAtTheEdges(String typed) {
        assertThat(refusal(() -> Snils.parse(typed)).code()).isEqualTo("identity.snils.checksum");
    }

    @Test
    @DisplayName("ACC-1: SNILS numbers up to 001-001-998 carry no check number and are refused as not issued")
    void refusesNumbersWithoutCheckRule() {
        assertThat(refusal(() -> Snils.parse("001-001-998 64")).code()).isEqualTo("identity.snils.not-issued");
        assertThat(refusal(() -> Snils.parse("000-000-000 00")).code()).isEqualTo("identity.snils.not-issued");
        assertThat(Snils.parse("001-001-999 65").digits()).isEqualTo("00100199965");
    }

    @ParameterizedTest
    @ValueSource(strings = {"112-233-445 9", "112-233-445 955", "112-233-44A 95", "", "   ", "112_233_445_95"})
    @DisplayName("ACC-1: SNILS that is not eleven digits is refused as malformed")
    void refusesMalformed(String typed) {
        assertThat(refusal(() -> Snils.parse(typed)).code()).isEqualTo("identity.snils.format");
    }

    @Test
    @DisplayName("ACC-1: an invalid SNILS cannot be constructed directly either")
    void constructorGuardsTheRules() {
        assertThat(refusal(() -> new Snils("112-233-445 95")).code()).isEqualTo("identity.snils.format");
        assertThat(refusal(() -> new Snils("11223344596")).code()).isEqualTo("identity.snils.checksum");
        assertThat(new Snils("11223344595")).isEqualTo(Snils.parse("112-233-445 95"));
    }

    @Test
    @DisplayName("ACC-1: a SNILS in a log line shows only its check number")
    void hidesDigitsInToString() {
        assertThat(Snils.parse("112-233-445 95").toString()).doesNotContain("112").doesNotContain("445").endsWith("95]");
    }
}
