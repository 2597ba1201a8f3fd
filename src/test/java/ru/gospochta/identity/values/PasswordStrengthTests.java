package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gospochta.identity.values.PasswordPolicyTests.PETR;
import static ru.gospochta.identity.values.PasswordPolicyTests.POLICY;
import static ru.gospochta.identity.values.PasswordPolicyTests.STRONG;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.identity.PasswordStrength;
import ru.gospochta.identity.PasswordStrength.Hint;
import ru.gospochta.identity.PersonalData;

class PasswordStrengthTests {

    @Test
    @DisplayName("ACC-4: a strong password of 12 or more characters scores high and needs no advice to be longer")
    void strongPasswordScoresHigh() {
        PasswordStrength strength = POLICY.strength(STRONG, PETR);

        assertThat(strength.score()).isGreaterThanOrEqualTo(3);
        assertThat(strength.recommendLonger()).isFalse();
    }

    @Test
    @DisplayName("ACC-4: the meter recommends 12 characters or more")
    void recommendsTwelveCharacters() {
        assertThat(POLICY.strength("Tlk7#mzQ!rv", PETR).recommendLonger()).isTrue();
        assertThat(POLICY.strength("Tlk7#mzQ!rv9", PETR).recommendLonger()).isFalse();
    }

    @Test
    @DisplayName("ACC-4: a common password scores low and the meter says it is common")
    void commonPasswordScoresLow() {
        PasswordStrength strength = POLICY.strength("Password1!", PersonalData.none());

        assertThat(strength.score()).isLessThanOrEqualTo(1);
        assertThat(strength.hint()).contains(Hint.COMMON_PASSWORD);
    }

    @Test
    @DisplayName("ACC-4: the person's own data lowers the score and the meter says why")
    void personalDataLowersScore() {
        PasswordStrength anonymous = POLICY.strength("Sergeevich#7Q", PersonalData.none());
        PasswordStrength own = POLICY.strength("Sergeevich#7Q", PETR);

        assertThat(own.score()).isLessThan(anonymous.score());
        assertThat(own.hint()).contains(Hint.PERSONAL_DATA);
    }

    @Test
    @DisplayName("ACC-4: an empty field scores zero and a very long one is measured without delay")
    void handlesEdges() {
        assertThat(POLICY.strength("", PersonalData.none()).score()).isZero();
        assertThat(POLICY.strength(STRONG.repeat(100), PETR).recommendLonger()).isFalse();
    }
}
