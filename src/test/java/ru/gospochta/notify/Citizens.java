package ru.gospochta.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.mail.Message;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.platform.CaughtMailbox;

/** A citizen's contacts as the contacts module would have stored them, and their mail read back over IMAP. */
final class Citizens {

    private Citizens() {
    }

    static String newAddress() {
        return "notify-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
    }

    /** A confirmed primary address, as binding it through «Контактные данные» leaves it. */
    static String confirmedEmail(JdbcClient db, UUID account) {
        String address = newAddress();
        db.sql("""
                        INSERT INTO contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at)
                        VALUES (:id, :account, 'PRIMARY', :address, 'CONFIRMED', :now, :now)""")
                .param("id", UUID.randomUUID()).param("account", account).param("address", address)
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        return address;
    }

    static Message[] letters(int imapPort, String address) throws Exception {
        return CaughtMailbox.letters(imapPort, address);
    }

    /** The plain-text part of a letter. */
    static String text(Message letter) throws Exception {
        Object content = letter.getContent();
        if (content instanceof String s) {
            return s;
        }
        return (String) ((jakarta.mail.Multipart) content).getBodyPart(0).getContent();
    }
}
