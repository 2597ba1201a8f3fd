package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CNT-1: the e-mail address value")
class EmailAddressTests {

    @Test
    @DisplayName("CNT-1: an address in «.рф» is stored in punycode and shown in Cyrillic")
    void keepsAsciiAndShowsUnicode() {
        EmailAddress address = EmailAddress.parse(" Ivan@Пример.РФ ");

        assertThat(address.ascii()).isEqualTo("Ivan@xn--e1afmkfd.xn--p1ai");
        assertThat(address.unicode()).isEqualTo("Ivan@пример.рф");
        assertThat(address.local()).isEqualTo("Ivan");
        assertThat(address.domain()).isEqualTo("xn--e1afmkfd.xn--p1ai");
        assertThat(address.canonical()).isEqualTo("ivan@xn--e1afmkfd.xn--p1ai");
    }

    @Test
    @DisplayName("CNT-1: the constructor takes either form and stores the same address")
    void constructorNormalises() {
        assertThat(new EmailAddress("ivan@пример.рф").ascii()).isEqualTo("ivan@xn--e1afmkfd.xn--p1ai");
        assertThat(new EmailAddress("ivan@MAIL.RU").ascii()).isEqualTo("ivan@mail.ru");
    }

    @Test
    @DisplayName("CNT-1: addresses differing only in the case of the mailbox name are one address")
    void comparesCaseInsensitively() {
        EmailAddress typed = EmailAddress.parse("Ivan.Petrov@Mail.ru");
        EmailAddress stored = new EmailAddress("ivan.petrov@mail.ru");

        assertThat(typed).isEqualTo(stored).hasSameHashCodeAs(stored);
        assertThat(typed.ascii()).isEqualTo("Ivan.Petrov@mail.ru");
        assertThat(typed).isNotEqualTo(new EmailAddress("ivan.petrov+tag@mail.ru"));
    }

    @Test
    @DisplayName("CNT-1: an invalid address cannot exist as an object")
    void constructorRefuses() {
        assertThatThrownBy(() -> new EmailAddress(" ivan@mail.ru"))
                .isInstanceOfSatisfying(InvalidEmailAddress.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("contacts.email.whitespace"));
        assertThatThrownBy(() -> EmailAddress.parse("ivan@mail"))
                .isInstanceOfSatisfying(InvalidEmailAddress.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("contacts.email.domain-no-dot"));
    }

    @Test
    @DisplayName("CNT-1: a stored address of a throw-away service still loads; only adding one is refused")
    void throwAwayDomainIsAPolicyOfTheRules() {
        assertThat(new EmailAddress("ivan@mailinator.com").domain()).isEqualTo("mailinator.com");
    }

    @Test
    @DisplayName("CNT-1: an address that reaches a log shows only its first letter and the domain")
    void toStringIsMasked() {
        EmailAddress address = EmailAddress.parse("ivan.petrov@пример.рф");

        assertThat(address.masked()).isEqualTo("i***@пример.рф");
        assertThat(address.toString()).doesNotContain("petrov").contains("i***@");
    }
}
