package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.BirthDate;
import ru.gospochta.identity.PasswordPolicy;
import ru.gospochta.identity.PasswordViolation;
import ru.gospochta.identity.PersonName;
import ru.gospochta.identity.PersonalData;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;

/*
 * Each refused password breaks exactly one rule, so the test shows that rule alone triggers its
 * code. They are built around "Tlk7#mzQ!rv9Pw", which breaks none.
 */
class PasswordPolicyTests {

    static final PasswordPolicy POLICY = new PasswordPolicy();

    static final PersonalData PETR = new PersonalData(
            PersonName.parse("Иванов", "Пётр", "Сергеевич"),
            new BirthDate(LocalDate.of(1990, 2, 1)),
            PhoneNumber.parse("+7 916 730-58-21"),
            Snils.parse("112-233-445 95"));

    static final String STRONG = "Tlk7#mzQ!rv9Pw";

    @ParameterizedTest
    @ValueSource(strings = {STRONG, "Сосна-Облако-7-Ветер", "Xq#1990mzrT!w"})
    @DisplayName("ACC-4: a strong password breaks no rule")
    void acceptsStrongPassword(String password) {
        assertThat(POLICY.check(password, PETR)).isEmpty();
    }

    @Test
    @DisplayName("ACC-4: a password shorter than 8 characters is refused")
    void refusesShort() {
        assertThat(POLICY.check("Tk7#mzQ", PETR)).containsExactly(PasswordViolation.TOO_SHORT);
        assertThat(POLICY.check("Tk7#mzQr", PETR)).isEmpty();
    }

    @Test
    @DisplayName("ACC-4: a password longer than 128 characters is refused")
    void refusesLong() {
        String longest = STRONG.repeat(9) + "Xy";

        assertThat(longest).hasSize(128);
        assertThat(POLICY.check(longest, PETR)).isEmpty();
        assertThat(POLICY.check(longest + "5", PETR)).containsExactly(PasswordViolation.TOO_LONG);
    }

    @Test
    @DisplayName("ACC-4: a password needs an upper-case letter, a lower-case letter, a digit and a special character")
    void requiresCharacterKinds() {
        assertThat(POLICY.check("tlk7#mzq!rv9pw", PETR)).containsExactly(PasswordViolation.NEEDS_UPPER);
        assertThat(POLICY.check("TLK7#MZQ!RV9PW", PETR)).containsExactly(PasswordViolation.NEEDS_LOWER);
        assertThat(POLICY.check("Tlkx#mzQ!rvoPw", PETR)).containsExactly(PasswordViolation.NEEDS_DIGIT);
        assertThat(POLICY.check("Tlk7bmzQerv9Pw", PETR)).containsExactly(PasswordViolation.NEEDS_SPECIAL);
    }

    @Test
    @DisplayName("ACC-4: Cyrillic letters count as upper and lower case, a space as a special character")
    void countsCyrillicAndSpace() {
        assertThat(POLICY.check("Тлк7#мзЯ!рв9Пш", PETR)).isEmpty();
        assertThat(POLICY.check("Tlk7 mzQ rv9Pw", PETR)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tlk#1234mzQ!Pw", "Tlk#9876mzQ!Pw", "Tlk#7mzQ!abcdPw", "Tlk#7mzQ!dcbaPw", "Tlk#7mzQ!QWERTYw",
            "Tlk#7mzQ!asdfw", "Tlk#7mzQ!йцукенw", "Tlk#7mzQ!абвгw", "Tlk#7890mzQ!Pw"})
    @DisplayName("ACC-4: runs of four like «1234», «4321», «abcd», «qwerty», «йцукен» are refused")
    void refusesRuns(String password) {
        assertThat(POLICY.check(password, PETR)).containsExactly(PasswordViolation.SEQUENCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tlk7#mzQ!aaaaPw", "Tlk#1111mzQ!Pw", "Tlk7#mzQ!ЖжЖжPw", "Tlk7#mzQ!####Pw"})
    @DisplayName("ACC-4: one character four times in a row like «aaaa» or «1111» is refused")
    void refusesRepeats(String password) {
        assertThat(POLICY.check(password, PETR)).containsExactly(PasswordViolation.REPEAT);
    }

    @Test
    @DisplayName("ACC-4: three in a row is not yet a run or a repeat")
    void allowsThreeInARow() {
        assertThat(POLICY.check("Tlk#123mzQ!aaaPw", PETR)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ivanov2024!X", "Иванов2024!x", "Xq#IVANOV7!t", "Xq#bdfyjd7!T", "Petr#7mzQ!rv9", "ПЁТР7#mzQ!rv",
            "Sergeevich#7Q", "Tlk7#SERGEEVICHmz"})
    @DisplayName("ACC-4: the person's surname, name or patronymic is refused in Cyrillic, Latin or the wrong keyboard layout")
    void refusesOwnName(String password) {
        assertThat(POLICY.check(password, PETR)).containsExactly(PasswordViolation.CONTAINS_NAME);
    }

    @Test
    @DisplayName("ACC-4: a name is only refused for the person who bears it")
    void nameOfSomeoneElseIsAllowed() {
        assertThat(POLICY.check("Ivanov2024!X", PersonalData.none())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xq#mz01021990!", "Xq#mz010290!Tr", "Xq#01.02.1990!Tr", "Xq#1990mz0102!T", "Xq#19900201mz!T"})
    @DisplayName("ACC-4: the date of birth in common spellings is refused")
    void refusesBirthDate(String password) {
        assertThat(POLICY.check(password, PETR)).containsExactly(PasswordViolation.CONTAINS_BIRTH_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xq#7305821mzT!", "Xq#916-730-58-21T!", "Xq#89167305821T!"})
    @DisplayName("ACC-4: the last seven digits of the person's phone are refused")
    void refusesPhone(String password) {
        assertThat(POLICY.check(password, PETR)).containsExactly(PasswordViolation.CONTAINS_PHONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xq#112233445mzT!", "Xq#112-233-445 95T!"})
    @DisplayName("ACC-4: the person's SNILS digits are refused")
    void refusesSnils(String password) {
        assertThat(POLICY.check(password, PETR)).containsExactly(PasswordViolation.CONTAINS_SNILS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password1!", "P@ssw0rd2024!", "Letmein#2024", "Parol123!", "Gfhjkm2024!"})
    @DisplayName("ACC-4: a password from zxcvbn's list of common passwords is refused, also with digits, symbols and look-alikes")
    void refusesCommonPasswords(String password) {
        assertThat(POLICY.check(password, PersonalData.none())).containsExactly(PasswordViolation.COMMON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kotik2024!", "Котик2024!", "Rjnbr2024!", "Lubov1990!", "Zaichik#77"})
    @DisplayName("ACC-4: a frequent Russian password is refused in Cyrillic, transliterated or typed in the Latin layout")
    void refusesCommonRussianPasswords(String password) {
        assertThat(POLICY.check(password, PersonalData.none())).containsExactly(PasswordViolation.COMMON);
    }

    @Test
    @DisplayName("ACC-4: every broken rule is reported, in a fixed order")
    void reportsAllBrokenRules() {
        assertThat(POLICY.check("aaaa", PersonalData.none())).containsExactly(PasswordViolation.TOO_SHORT,
                PasswordViolation.NEEDS_UPPER, PasswordViolation.NEEDS_DIGIT, PasswordViolation.NEEDS_SPECIAL,
                PasswordViolation.REPEAT);
    }

    @Test
    @DisplayName("ACC-4: one policy serves many threads at once")
    void isThreadSafe() {
        List<List<PasswordViolation>> results = IntStream.range(0, 200).parallel()
                .mapToObj(i -> POLICY.check(i % 2 == 0 ? "Ivanov2024!X" : STRONG, PETR))
                .toList();

        assertThat(results).allSatisfy(result -> assertThat(result).isIn(List.of(), List.of(PasswordViolation.CONTAINS_NAME)));
        assertThat(results.stream().filter(List::isEmpty)).hasSize(100);
    }
}
