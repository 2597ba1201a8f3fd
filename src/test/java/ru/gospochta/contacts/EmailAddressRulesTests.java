package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ru.gospochta.contacts.internal.DisposableDomains;
import ru.gospochta.contacts.internal.EmailRule;

@DisplayName("CNT-1: the rules of an e-mail address")
class EmailAddressRulesTests {

    static final EmailAddressRules RULES = new EmailAddressRules(new DisposableDomains());

    static final String OK = "ok";

    static final String LABEL_63 = "a".repeat(63);
    static final String LABEL_64 = "a".repeat(64);
    /** 64 + 1 + (63 + 1 + 63 + 1 + 58 + 1 + 2) = 254 characters. */
    static final String LONGEST = "l".repeat(64) + "@" + LABEL_63 + "." + LABEL_63 + "." + "b".repeat(58) + ".ru";
    static final String ONE_TOO_LONG = "l".repeat(64) + "@" + LABEL_63 + "." + LABEL_63 + "." + "b".repeat(59) + ".ru";
    /** 57 Cyrillic letters are 63 characters in punycode, 58 are 64. */
    static final String CYRILLIC_57 = "я".repeat(57);
    static final String CYRILLIC_58 = "я".repeat(58);

    /** Each row: what the person typed, the code of the message shown (or ok), and the stored ASCII form when it is worth spelling out. */
    static Stream<Arguments> addresses() {
        return Stream.of(
                accepted("ivan.petrov@mail.ru", "ivan.petrov@mail.ru"),
                accepted("Ivan.Petrov@Yandex.RU", "Ivan.Petrov@yandex.ru"),
                accepted("ivan+gosuslugi@gmail.com", "ivan+gosuslugi@gmail.com"),
                accepted("ivan_petrov-1985@bk.ru", "ivan_petrov-1985@bk.ru"),
                accepted("a@b.cd", "a@b.cd"),
                accepted("  ivan@mail.ru\u00A0\n", "ivan@mail.ru"),
                accepted("ivan@my-mail.co.uk", "ivan@my-mail.co.uk"),
                accepted("ivan@пример.рф", "ivan@xn--e1afmkfd.xn--p1ai"),
                accepted("IVAN@ПРИМЕР.РФ", "IVAN@xn--e1afmkfd.xn--p1ai"),
                accepted("ivan@xn--e1afmkfd.xn--p1ai", "ivan@xn--e1afmkfd.xn--p1ai"),
                accepted("ivan@ёлка.рф", "ivan@xn--80atc1g.xn--p1ai"),
                accepted("ivan@почта.москва", "ivan@xn--80a1acny.xn--80adxhks"),
                accepted("ivan@museum.museum", "ivan@museum.museum"),
                accepted("ivan@" + LABEL_63 + ".ru", "ivan@" + LABEL_63 + ".ru"),
                accepted("ivan@" + CYRILLIC_57 + ".рф", ""),
                accepted(LONGEST, LONGEST),
                accepted("ivan@notyopmail.com", "ivan@notyopmail.com"),
                accepted("ivan@mailinator.com.example.ru", "ivan@mailinator.com.example.ru"),

                refused("", EmailRule.EMPTY),
                refused("   ", EmailRule.EMPTY),
                refused("ivan petrov@mail.ru", EmailRule.WHITESPACE),
                refused("ivan@mail\u00A0.ru", EmailRule.WHITESPACE),
                refused("ivan\u200B@mail.ru", EmailRule.WHITESPACE),
                refused("Иван Петров <ivan@mail.ru>", EmailRule.WHITESPACE),
                refused("<ivan@mail.ru>", EmailRule.FORBIDDEN_CHARACTER),
                refused("ivan@mail.ru,petr@mail.ru", EmailRule.FORBIDDEN_CHARACTER),
                refused("ivan@mail.ru;petr@mail.ru", EmailRule.FORBIDDEN_CHARACTER),
                refused("\"ivan\"@mail.ru", EmailRule.FORBIDDEN_CHARACTER),
                refused("«ivan»@mail.ru", EmailRule.FORBIDDEN_CHARACTER),
                refused("ivan@[127.0.0.1]", EmailRule.FORBIDDEN_CHARACTER),
                refused("ivan.mail.ru", EmailRule.AT_COUNT),
                refused("ivan@@mail.ru", EmailRule.AT_COUNT),
                refused("ivan@petr@mail.ru", EmailRule.AT_COUNT),
                refused("@mail.ru", EmailRule.LOCAL_EMPTY),
                refused("почта@пример.рф", EmailRule.LOCAL_CHARACTERS),
                refused("ivan!@mail.ru", EmailRule.LOCAL_CHARACTERS),
                refused("ivan*petrov@mail.ru", EmailRule.LOCAL_CHARACTERS),
                refused(".ivan@mail.ru", EmailRule.LOCAL_DOT_EDGE),
                refused("ivan.@mail.ru", EmailRule.LOCAL_DOT_EDGE),
                refused("ivan..petrov@mail.ru", EmailRule.LOCAL_DOUBLE_DOT),
                refused("l".repeat(65) + "@mail.ru", EmailRule.LOCAL_TOO_LONG),
                refused("ivan@", EmailRule.DOMAIN_EMPTY),
                refused("ivan@.mail.ru", EmailRule.DOMAIN_DOT_EDGE),
                refused("ivan@mail.ru.", EmailRule.DOMAIN_DOT_EDGE),
                refused("ivan@mail..ru", EmailRule.DOMAIN_DOUBLE_DOT),
                refused("ivan@localhost", EmailRule.DOMAIN_NO_DOT),
                refused("ivan@пример", EmailRule.DOMAIN_NO_DOT),
                refused("ivan@mail_box.ru", EmailRule.DOMAIN_LABEL_CHARACTERS),
                refused("ivan@почта\u3002рф", EmailRule.DOMAIN_NO_DOT),
                refused("ivan@почта\u3002рф.ru", EmailRule.DOMAIN_LABEL_CHARACTERS),
                refused("ivan@-mail.ru", EmailRule.DOMAIN_LABEL_HYPHEN_EDGE),
                refused("ivan@mail-.ru", EmailRule.DOMAIN_LABEL_HYPHEN_EDGE),
                refused("ivan@пример-.рф", EmailRule.DOMAIN_LABEL_HYPHEN_EDGE),
                refused("ivan@" + LABEL_64 + ".ru", EmailRule.DOMAIN_LABEL_TOO_LONG),
                refused("ivan@" + CYRILLIC_58 + ".рф", EmailRule.DOMAIN_LABEL_TOO_LONG),
                refused("ivan@mail.r", EmailRule.TLD),
                refused("ivan@mail.r1", EmailRule.TLD),
                refused("ivan@10.0.0.1", EmailRule.TLD),
                refused("ivan@mail.photography", EmailRule.TLD),
                refused(ONE_TOO_LONG, EmailRule.TOO_LONG),
                refused("ivan@mailinator.com", EmailRule.DISPOSABLE),
                refused("ivan@YOPMAIL.COM", EmailRule.DISPOSABLE),
                refused("ivan@box.mailinator.com", EmailRule.DISPOSABLE),
                refused("ivan@a.b.guerrillamail.com", EmailRule.DISPOSABLE),
                refused("ivan@dropmail.me", EmailRule.DISPOSABLE),
                refused("ivan+tag@10minutemail.com", EmailRule.DISPOSABLE));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("addresses")
    @DisplayName("CNT-1: each address gets its verdict and the message of the first broken rule")
    void judgesEachAddress(String typed, String verdict, String ascii) {
        if (OK.equals(verdict)) {
            assertThat(RULES.problem(typed)).isEmpty();
            EmailAddress address = RULES.accept(typed);
            if (!ascii.isEmpty()) {
                assertThat(address.ascii()).isEqualTo(ascii);
            }
            assertThat(address.ascii().length()).isLessThanOrEqualTo(254);
            assertThat(address.ascii()).matches("[\\x21-\\x7e]+");
        } else {
            assertThat(RULES.problem(typed)).contains(verdict);
            assertThatThrownBy(() -> RULES.accept(typed))
                    .isInstanceOfSatisfying(InvalidEmailAddress.class, refusal -> assertThat(refusal.code()).isEqualTo(verdict));
        }
    }

    @Test
    @DisplayName("CNT-1: the table covers every rule, and has at least 40 addresses")
    void tableCoversEveryRule() {
        Set<String> shown = addresses().map(row -> (String) row.get()[1]).collect(Collectors.toSet());
        Set<String> codes = Arrays.stream(EmailRule.values()).map(EmailRule::code).collect(Collectors.toSet());

        assertThat(shown).containsAll(codes).contains(OK);
        assertThat(addresses().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    @DisplayName("CNT-1: a refusal's log message never carries the address")
    void refusalDoesNotEchoTheAddress() {
        assertThatThrownBy(() -> RULES.accept("ivan.petrov@mailinator.com"))
                .isInstanceOf(InvalidEmailAddress.class)
                .message().doesNotContain("ivan").doesNotContain("mailinator");
        assertThatThrownBy(() -> RULES.accept("ivan..petrov@mail.ru"))
                .message().doesNotContain("ivan").doesNotContain("mail.ru");
    }

    @Test
    @DisplayName("CNT-1: the rules work with a list of throw-away domains of their own")
    void usesTheGivenList() {
        EmailAddressRules rules = new EmailAddressRules(DisposableDomains.of("throwaway.test"));

        assertThat(rules.problem("ivan@in.throwaway.test")).isEqualTo(Optional.of(EmailRule.DISPOSABLE.code()));
        assertThat(rules.problem("ivan@mailinator.com")).isEmpty();
    }

    private static Arguments accepted(String typed, String ascii) {
        return Arguments.of(typed, OK, ascii);
    }

    private static Arguments refused(String typed, EmailRule rule) {
        return Arguments.of(typed, rule.code(), "");
    }
}
