package ru.gospochta.platform.internal.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.platform.BounceLetters;
import ru.gospochta.platform.MailBounced;

/** The reports of the bounce mailbox read without a server: what counts, and what is left alone. */
class DeliveryReportsTests {

    static final String ORIGINAL = """
            Return-Path: <bounces@gospochta.local>
            Message-ID: <4f1c2a9e-0000-4000-8000-000000000001@gospochta.local>
            From: =?UTF-8?B?0JPQvtGB0L/QvtGH0YLQsA==?= <noreply@gospochta.local>
            To: ivan.petrov@mail.ru
            Subject: =?UTF-8?B?0KPQstC10LTQvtC80LvQtdC90LjQtQ==?=
            """;

    static List<MailBounced> read(String raw) throws Exception {
        return DeliveryReports.read(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @DisplayName("NTF-5: a DSN that failed with 5.1.1 is a hard bounce of its Final-Recipient, with the returned letter's Message-ID")
    void permanentFailure() throws Exception {
        assertThat(read(BounceLetters.dsn("Ivan.Petrov@mail.ru", "failed", "5.1.1",
                "550 5.1.1 <Ivan.Petrov@mail.ru>: Recipient address rejected: User unknown", ORIGINAL)))
                .containsExactly(new MailBounced("Ivan.Petrov@mail.ru", MailBounced.Kind.HARD_BOUNCE,
                        "<4f1c2a9e-0000-4000-8000-000000000001@gospochta.local>",
                        "5.1.1 550 5.1.1 <Ivan.Petrov@mail.ru>: Recipient address rejected: User unknown"));
    }

    @Test
    @DisplayName("NTF-5: a delay, a 4.x.x failure or a success reported in a DSN is not final and reports nothing")
    void notFinal() throws Exception {
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "delayed", "4.2.2", "452 4.2.2 Mailbox full", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "4.4.7", "delivery time expired", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "delivered", "2.0.0", "250 OK", null))).isEmpty();
    }

    @Test
    @DisplayName("NTF-5, CNT-6: a permanent failure that says nothing against the address — a policy block, a full mailbox, a letter too large — suspends nothing")
    void notAboutTheAddress() throws Exception {
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.7.1", "550 5.7.1 Blocked by policy", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.2.2", "552 5.2.2 Mailbox full", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.3.4", "552 5.3.4 Message too big", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.1.7", "553 5.1.7 Bad sender", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.2.1", "550 5.2.1 Mailbox disabled", ORIGINAL)))
                .extracting(MailBounced::kind).containsExactly(MailBounced.Kind.HARD_BOUNCE);
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.1.10", "550 5.1.10 Null MX", ORIGINAL))).hasSize(1);
    }

    @Test
    @DisplayName("NTF-5: an ARF abuse report names the complaining recipient by Original-Rcpt-To, else by the returned letter's To")
    void complaint() throws Exception {
        assertThat(read(BounceLetters.complaint("abuse", "maria@yandex.ru", ORIGINAL + "\nТекст письма\n")))
                .extracting(MailBounced::address, MailBounced::kind, MailBounced::messageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("maria@yandex.ru", MailBounced.Kind.COMPLAINT,
                        "<4f1c2a9e-0000-4000-8000-000000000001@gospochta.local>"));
        assertThat(read(BounceLetters.complaint("abuse", null, ORIGINAL + "\nТекст письма\n")))
                .extracting(MailBounced::address).containsExactly("ivan.petrov@mail.ru");
    }

    @Test
    @DisplayName("NTF-5: feedback that is no complaint (not-spam, auth-failure) reports nothing")
    void feedbackThatIsNoComplaint() throws Exception {
        assertThat(read(BounceLetters.complaint("not-spam", "maria@yandex.ru", ORIGINAL))).isEmpty();
        assertThat(read(BounceLetters.complaint("auth-failure", "maria@yandex.ru", ORIGINAL))).isEmpty();
    }

    @Test
    @DisplayName("NTF-5: an autoreply, a report of another type or a report without its fields reports nothing")
    void notAReport() throws Exception {
        assertThat(read("From: ivan@mail.ru\r\nTo: bounces@gospochta.local\r\nSubject: Автоответ: в отпуске\r\n\r\nВернусь 1 декабря.\r\n"))
                .isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.1.1", "550", ORIGINAL)
                .replace("report-type=delivery-status", "report-type=disposition-notification"))).isEmpty();
        assertThat(read(BounceLetters.dsn("ivan@mail.ru", "failed", "5.1.1", "550", ORIGINAL)
                .replace("Content-Type: message/delivery-status", "Content-Type: text/plain"))).isEmpty();
        assertThat(read(BounceLetters.dsn("x-unknown-type", "failed", "5.1.1", "550", ORIGINAL)
                .replace("rfc822; x-unknown-type", "x400; C=RU").replace("rfc822;x-unknown-type", "x400; C=RU"))).isEmpty();
    }

    @Test
    @DisplayName("NTF-5: broken MIME is refused as unreadable, never taken for a report")
    void brokenMime() {
        String broken = "From: x@y.ru\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"nowhere\"\r\n\r\n"
                + "no parts at all\r\n";
        assertThatThrownBy(() -> read(broken)).isInstanceOf(MessagingException.class);
    }

    @Test
    @DisplayName("NTF-5: recipients are read in the forms DSN and ARF give them")
    void recipientForms() {
        assertThat(DeliveryReports.recipient("rfc822; ivan@mail.ru")).isEqualTo("ivan@mail.ru");
        assertThat(DeliveryReports.recipient("RFC822;<ivan@mail.ru>")).isEqualTo("ivan@mail.ru");
        assertThat(DeliveryReports.recipient("utf-8; иван@почта.рф")).isEqualTo("иван@почта.рф");
        assertThat(DeliveryReports.recipient("<ivan@mail.ru>")).isEqualTo("ivan@mail.ru");
        assertThat(DeliveryReports.recipient("x400; C=RU")).isNull();
        assertThat(DeliveryReports.recipient("rfc822; not an address")).isNull();
        assertThat(DeliveryReports.recipient("rfc822; a@b.ru, c@d.ru")).isNull();
    }
}
