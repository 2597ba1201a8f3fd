package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.platform.MailRelays;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Without a backup relay e-mail has the one provider it always had. Shares the context of the other notify tests. */
@NotifyTest
@DisplayName("NTF-5: without a backup relay, e-mail notifications have one provider, \"smtp\"")
class SingleRelayTests {

    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired MailCatcher catcher;
    @Autowired MailRelays relays;

    @Test
    @DisplayName("NTF-5: no gospochta.mail.backup-smtp → one relay, \"smtp\" (the catcher here), and the journal names it")
    void oneRelay() throws Exception {
        assertThat(relays.inPriorityOrder()).extracting(MailRelays.Relay::name).containsExactly("smtp");

        Account citizen = TestCitizens.create(accounts, passwords);
        String address = Citizens.confirmedEmail(db, citizen.id());
        UUID notification = notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "document-ready",
                        Map.of("documentName", "Выписка из ЕГРН"), "system:test", null, null))
                .notifications().stream().filter(p -> p.channel() == Channel.EMAIL).findFirst().orElseThrow().notificationId();
        dispatcher.dispatchAll();

        assertThat(Citizens.letters(catcher.imapPort(), address)).hasSize(1);
        assertThat(db.sql("SELECT status || ':' || coalesce(provider, '') FROM notify.attempts WHERE notification_id = :id ORDER BY id")
                .param("id", notification).query(String.class).list()).containsExactly("created:", "delivered:smtp");
    }
}
