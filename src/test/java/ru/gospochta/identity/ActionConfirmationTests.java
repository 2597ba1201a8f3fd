package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.identity.ActionConfirmation.ActionNotConfirmed;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
class ActionConfirmationTests {

    static final Locale RU = Locale.of("ru");

    @Autowired ActionConfirmation confirmation;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;

    Account citizen;

    @BeforeEach
    void fresh() {
        Limits.reset(db);
        citizen = TestCitizens.create(accounts, passwords);
    }

    @Test
    @DisplayName("CNT-3: a change is confirmed by the password and the SMS code sent to the confirmed phone, and the code works once")
    void passwordAndCode() {
        assertThat(confirmation.sendCode(citizen.id(), "127.0.0.1", RU)).isEmpty();
        String code = Limits.lastCode(db, citizen.phone());
        assertThat(confirmation.maskedPhone(citizen.id())).startsWith("+7 916 ***-**-");

        assertThatNoException().isThrownBy(() -> confirmation.confirm(citizen.id(), TestCitizens.PASSWORD, code, RU));
        assertThatThrownBy(() -> confirmation.confirm(citizen.id(), TestCitizens.PASSWORD, code, RU))
                .isInstanceOf(ActionNotConfirmed.class);
    }

    @Test
    @DisplayName("CNT-3: a wrong password or a wrong code is refused with an explanation")
    void wrongAnswers() {
        confirmation.sendCode(citizen.id(), "127.0.0.1", RU);
        String code = Limits.lastCode(db, citizen.phone());
        String wrong = code.equals("111111") ? "222222" : "111111";

        assertThatThrownBy(() -> confirmation.confirm(citizen.id(), "Wrong-Password-1!", code, RU))
                .isInstanceOfSatisfying(ActionNotConfirmed.class, e -> assertThat(e.explanations()).isNotEmpty());
        assertThatThrownBy(() -> confirmation.confirm(citizen.id(), TestCitizens.PASSWORD, wrong, RU))
                .isInstanceOfSatisfying(ActionNotConfirmed.class, e -> assertThat(e.explanations()).isNotEmpty());
    }

    @Test
    @DisplayName("ACC-7: a second code within a minute is refused with the wait")
    void smsLimit() {
        confirmation.sendCode(citizen.id(), "127.0.0.1", RU);
        assertThat(confirmation.sendCode(citizen.id(), "127.0.0.1", RU)).isPresent();
    }
}
