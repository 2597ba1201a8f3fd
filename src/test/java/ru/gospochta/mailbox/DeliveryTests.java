package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.DataDirectory;

@IdentityTest
@RecordApplicationEvents
@DisplayName("MBX-1: delivery into mailboxes — in the caller's transaction, batched, never twice")
class DeliveryTests {

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient db;
    @Autowired TransactionTemplate transactions;
    @Autowired DataDirectory dataDirectory;
    @Autowired ApplicationEvents events;

    @Test
    @DisplayName("MBX-1: a batch to many mailboxes is delivered whole, one MessageDelivered per message")
    void batchToManyMailboxes() {
        List<UUID> citizens = Stream.generate(() -> TestCitizens.create(accounts, passwords).id()).limit(5).toList();
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Letter letter = Letter.to(citizens.get(i % citizens.size())).subject("Уведомление " + i);
            if (i % 10 == 0) {
                letter.file("Документ " + i + ".pdf", "application/pdf", ("%PDF-1.4 " + i).getBytes(StandardCharsets.UTF_8), "");
            }
            batch.add(letter.build());
        }

        delivery.deliverAll(batch);

        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE account = ANY(:a)")
                .param("a", citizens.toArray(UUID[]::new)).query(Long.class).single()).isEqualTo(300);
        assertThat(db.sql("SELECT count(*) FROM mailbox.attachments WHERE account = ANY(:a)")
                .param("a", citizens.toArray(UUID[]::new)).query(Long.class).single()).isEqualTo(30);
        assertThat(db.sql("SELECT count(*) FROM mailbox.data_keys WHERE account = ANY(:a)")
                .param("a", citizens.toArray(UUID[]::new)).query(Long.class).single()).isEqualTo(5);
        List<MessageDelivered> delivered = events.stream(MessageDelivered.class)
                .filter(e -> citizens.contains(e.account())).toList();
        assertThat(delivered).hasSize(300).extracting(MessageDelivered::messageId)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(NewMessage::id).toList());
    }

    @Test
    @DisplayName("Quality bar: a message delivered again (a retry) stays in the mailbox once, with its files once and no second event")
    void neverTwice() {
        UUID citizen = TestCitizens.create(accounts, passwords).id();
        NewMessage message = Letter.to(citizen).file("Справка.pdf", "application/pdf", "%PDF-1.4".getBytes(), "").build();

        delivery.deliver(message);
        delivery.deliver(message);
        delivery.deliverAll(List.of(message, message));

        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE id = :id").param("id", message.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM mailbox.attachments WHERE message_id = :id").param("id", message.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(events.stream(MessageDelivered.class).filter(e -> e.messageId().equals(message.id()))).hasSize(1);
    }

    @Test
    @DisplayName("MBX-1: text that array syntax gives meaning to (NULL, quotes, backslashes, braces, commas) is stored as sent, and a missing value as missing")
    void valuesTravelIntact() {
        UUID citizen = TestCitizens.create(accounts, passwords).id();
        String tricky = "NULL";
        String quoted = "Решение {№ 5, \"окончательное\"} \\ копия";
        NewMessage plain = Letter.to(citizen).subject(tricky).application(tricky).from(UUID.randomUUID(), quoted).build();
        NewMessage other = Letter.to(citizen).subject(quoted).file("Справка, {1}.pdf", "application/pdf", "%PDF-1.4".getBytes(), "")
                .build();

        delivery.deliverAll(List.of(plain, other));

        assertThat(db.sql("SELECT subject, application_ref, agency_name FROM mailbox.messages WHERE id = :id")
                .param("id", plain.id()).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single())
                .containsExactly(tricky, tricky, quoted);
        assertThat(db.sql("SELECT subject, application_ref IS NULL FROM mailbox.messages WHERE id = :id")
                .param("id", other.id()).query((rs, i) -> rs.getString(1) + "|" + rs.getBoolean(2)).single())
                .isEqualTo(quoted + "|true");
        assertThat(db.sql("SELECT file_name FROM mailbox.attachments WHERE message_id = :id").param("id", other.id())
                .query(String.class).single()).isEqualTo("Справка, {1}.pdf");
    }

    @Test
    @DisplayName("Quality bar: a new message that comes twice in one batch is written once, with its files once and one event")
    void twiceInOneBatch() {
        UUID citizen = TestCitizens.create(accounts, passwords).id();
        NewMessage message = Letter.to(citizen).file("Справка.pdf", "application/pdf", "%PDF-1.4".getBytes(), "").build();
        NewMessage other = Letter.to(citizen).subject("Другое").build();

        delivery.deliverAll(List.of(message, other, message));

        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :a").param("a", citizen)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT count(*) FROM mailbox.attachments WHERE message_id = :id").param("id", message.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(events.stream(MessageDelivered.class).filter(e -> e.account().equals(citizen)))
                .extracting(MessageDelivered::messageId).containsExactlyInAnyOrder(message.id(), other.id());
    }

    @Test
    @DisplayName("Quality bar: an id already used in another mailbox is refused loudly, not dropped")
    void idOfAnotherMailbox() {
        UUID first = TestCitizens.create(accounts, passwords).id();
        UUID second = TestCitizens.create(accounts, passwords).id();
        UUID id = UUID.randomUUID();
        delivery.deliver(Letter.to(first).id(id).build());

        assertThatThrownBy(() -> delivery.deliver(Letter.to(second).id(id).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another mailbox");
    }

    @Test
    @DisplayName("MBX-1: delivery runs in the caller's transaction: rolled back, it leaves no message, no file and no event behind")
    void rollbackLeavesNothing() {
        UUID citizen = TestCitizens.create(accounts, passwords).id();
        Letter letter = Letter.to(citizen).file("Справка.pdf", "application/pdf", "%PDF-1.4".getBytes(), "")
                .file("Скан.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "");
        long filesBefore = blobFiles();

        transactions.executeWithoutResult(status -> {
            delivery.deliver(letter.build());
            assertThat(blobFiles()).isEqualTo(filesBefore + 2);
            status.setRollbackOnly();
        });

        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE id = :id").param("id", letter.id())
                .query(Long.class).single()).isZero();
        assertThat(blobFiles()).isEqualTo(filesBefore);
    }

    @Test
    @DisplayName("MBX-1: a message that breaks the contract is refused before anything is written")
    void contract() {
        UUID citizen = TestCitizens.create(accounts, passwords).id();
        NewMessage good = Letter.to(citizen).build();
        NewMessage urgent = new NewMessage(UUID.randomUUID(), citizen, good.agencyId(), good.agencyName(), good.category(),
                good.subject(), good.bodyText(), null, null, null, "urgent", "ГП-1", List.of(), good.sentAt());
        NewMessage blank = new NewMessage(UUID.randomUUID(), citizen, good.agencyId(), good.agencyName(), good.category(),
                " ", good.bodyText(), null, null, null, "normal", "ГП-1", List.of(), good.sentAt());

        assertThatThrownBy(() -> delivery.deliverAll(List.of(good, urgent))).hasMessageContaining("priority");
        assertThatThrownBy(() -> delivery.deliver(blank)).hasMessageContaining("subject");
        assertThat(db.sql("SELECT count(*) FROM mailbox.messages WHERE account = :a").param("a", citizen)
                .query(Long.class).single()).isZero();
    }

    private long blobFiles() {
        Path root = dataDirectory.root().resolve("blobs");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
