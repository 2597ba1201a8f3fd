package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.identity.Recipients.By;
import ru.gospochta.identity.Recipients.Key;
import ru.gospochta.identity.Recipients.Refusal;
import ru.gospochta.identity.Recipients.Resolution;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
class RecipientsTests {

    @Autowired Recipients recipients;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;

    static String newInn() {
        return String.format("%012d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000L));
    }

    void setInn(Account account, String inn) {
        db.sql("UPDATE identity.accounts SET inn = :inn WHERE id = :id").param("inn", inn).param("id", account.id()).update();
    }

    @Test
    @DisplayName("GW-2: recipients are found by SNILS, INN and account id in one call, each key with its own answer")
    void resolvesEveryKind() {
        Account bySnils = TestCitizens.create(accounts, passwords);
        Account byInn = TestCitizens.create(accounts, passwords);
        String inn = newInn();
        setInn(byInn, inn);
        Account byId = TestCitizens.create(accounts, passwords);
        Account unfinished = TestCitizens.create(accounts, passwords);
        db.sql("UPDATE identity.accounts SET state = 'REGISTERED' WHERE id = :id").param("id", unfinished.id()).update();
        String shared = newInn();
        setInn(TestCitizens.create(accounts, passwords), shared);
        setInn(TestCitizens.create(accounts, passwords), shared);

        Key snils = new Key(By.SNILS, bySnils.snils());
        Key innKey = new Key(By.INN, inn);
        Key id = new Key(By.ACCOUNT_ID, byId.id().toString().toUpperCase());
        Key notActive = new Key(By.SNILS, unfinished.snils());
        Key ambiguous = new Key(By.INN, shared);
        Key unknown = new Key(By.SNILS, TestCitizens.newSnils());
        Key malformed = new Key(By.ACCOUNT_ID, "not-a-uuid");
        Key badSnils = new Key(By.SNILS, "123");

        Map<Key, Resolution> found = recipients.resolve(List.of(snils, innKey, id, notActive, ambiguous, unknown, malformed, badSnils));

        assertThat(found.get(snils)).isEqualTo(Resolution.of(bySnils.id()));
        assertThat(found.get(innKey)).isEqualTo(Resolution.of(byInn.id()));
        assertThat(found.get(id)).isEqualTo(Resolution.of(byId.id()));
        assertThat(found.get(notActive)).isEqualTo(Resolution.refused(Refusal.ACCOUNT_NOT_ACTIVE));
        assertThat(found.get(ambiguous)).isEqualTo(Resolution.refused(Refusal.AMBIGUOUS));
        assertThat(found.get(unknown)).isEqualTo(Resolution.refused(Refusal.NO_SUCH_CITIZEN));
        assertThat(found.get(malformed)).isEqualTo(Resolution.refused(Refusal.NO_SUCH_CITIZEN));
        assertThat(found.get(badSnils)).isEqualTo(Resolution.refused(Refusal.NO_SUCH_CITIZEN));
    }

    @Test
    @DisplayName("GW-2: an empty list of keys asks nothing")
    void nothingToResolve() {
        assertThat(recipients.resolve(List.of())).isEmpty();
    }
}
