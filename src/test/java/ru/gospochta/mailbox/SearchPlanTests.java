package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.mailbox.internal.messages.MessageFilter;
import ru.gospochta.mailbox.internal.messages.MessageRow;

/**
 * A word found in most of the system's mail must not make a citizen's search read all of it. The
 * other mailboxes are written, analysed and searched in one transaction that is rolled back, so
 * nothing of them reaches the other tests.
 */
@IdentityTest
@DisplayName("MBX-2: search is planned for its words, so a common word reads one mailbox, not the system's mail")
class SearchPlanTests {

    static final int OTHER_MAILBOXES = 20_000;

    @Autowired MailboxDelivery delivery;
    @Autowired Mailbox mailbox;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired PlatformTransactionManager transactions;

    @Test
    @DisplayName("MBX-2: repeated searches never fall back to a generic plan that intersects the account with the index's whole list")
    void customPlans() {
        UUID me = TestCitizens.create(accounts, passwords).id();
        delivery.deliverAll(IntStream.range(0, 30).mapToObj(i -> Letter.to(me).subject("Решение по заявлению № " + i)
                .text("Ваше заявление рассмотрено.").build()).toList());
        UUID mine = db.sql("SELECT id FROM mailbox.messages WHERE account = :me LIMIT 1").param("me", me).query(UUID.class).single();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            db.sql("""
                    INSERT INTO mailbox.data_keys (account, version, wrapped, master_version, created_at)
                    SELECT gen_random_uuid(), 1, '\\x00', 1, now() FROM generate_series(1, :n)""")
                    .param("n", OTHER_MAILBOXES).update();
            db.sql("""
                    INSERT INTO mailbox.messages (id, account, direction, folder_id, agency_id, agency_name, category, subject,
                        body_text, priority, registration_number, sent_at, delivered_at, key_version, search)
                    SELECT gen_random_uuid(), k.account, m.direction, m.folder_id, m.agency_id, m.agency_name, m.category,
                        m.subject, m.body_text, m.priority, m.registration_number, m.sent_at, m.delivered_at, 1, m.search
                    FROM mailbox.data_keys k CROSS JOIN generate_series(1, 2), mailbox.messages m
                    WHERE m.id = :mine AND k.account <> :me AND k.wrapped = '\\x00'""")
                    .param("mine", mine).param("me", me).update();
            db.sql("ANALYZE mailbox.messages").update();

            MessageFilter search = new MessageFilter(null, null, null, null, null, null, null, "заявления");
            for (int i = 0; i < 20; i++) {
                List<MessageRow> found = mailbox.list(me, search, null).items();
                assertThat(found).hasSize(20).allSatisfy(row -> assertThat(row.subject()).startsWith("Решение по заявлению"));
            }
            // The mailbox's statements on this transaction's connection, as PostgreSQL prepared them.
            var plans = db.sql("""
                    SELECT coalesce(sum(generic_plans), 0) AS generic, coalesce(sum(custom_plans), 0) AS custom
                    FROM pg_prepared_statements WHERE statement LIKE '%websearch_to_tsquery%'""")
                    .query((rs, n) -> new long[] {rs.getLong("generic"), rs.getLong("custom")}).single();
            assertThat(plans[1]).as("searches planned for their words").isPositive();
            assertThat(plans[0]).as("searches run from a generic plan").isZero();
        });
    }
}
