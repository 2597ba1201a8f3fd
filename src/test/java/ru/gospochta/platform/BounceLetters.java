package ru.gospochta.platform;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * What mail systems send to the return path, written the way Postfix and the large mailbox
 * providers write it, and delivered over SMTP.
 */
public final class BounceLetters {

    private BounceLetters() {
    }

    /**
     * A delivery status notification (RFC 3464) for one recipient.
     *
     * @param originalHeaders the header of the returned letter, sent back as {@code text/rfc822-headers}
     */
    public static String dsn(String recipient, String action, String status, String diagnostic,
            @Nullable String originalHeaders) {
        String boundary = "dsn-" + UUID.randomUUID();
        return """
                From: MAILER-DAEMON@mx.example.ru (Mail Delivery System)
                To: bounces@gospochta.local
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.example.ru>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                \tboundary="%s"

                --%s
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.example.ru.
                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                --%s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.ru
                X-Postfix-Queue-ID: 4Bq1Xz3kQbz9sW
                Arrival-Date: Mon, 23 Nov 2026 10:00:00 +0300 (MSK)

                Final-Recipient: rfc822; %s
                Original-Recipient: rfc822;%s
                Action: %s
                Status: %s
                Remote-MTA: dns; mxs.mail.ru
                Diagnostic-Code: smtp; %s

                --%s
                Content-Type: text/rfc822-headers

                %s
                --%s--
                """.formatted(UUID.randomUUID(), boundary, boundary, boundary, recipient, recipient, action, status,
                diagnostic, boundary, originalHeaders == null ? "Subject: (unknown)\n" : originalHeaders, boundary)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /**
     * A complaint (ARF, RFC 5965) about a letter; the complaining recipient named in
     * {@code Original-Rcpt-To} when given, else only by the To of the returned letter.
     */
    public static String complaint(String feedbackType, @Nullable String rcptTo, String originalLetter) {
        String boundary = "arf-" + UUID.randomUUID();
        return """
                From: feedback-loop@fbl.example.ru
                To: bounces@gospochta.local
                Subject: Abuse report
                Message-ID: <%s@fbl.example.ru>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report;
                \tboundary="%s"

                --%s
                Content-Type: text/plain; charset="US-ASCII"

                This is an email abuse report for a message received from IP 192.0.2.1.

                --%s
                Content-Type: message/feedback-report

                Feedback-Type: %s
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Mail-From: <bounces@gospochta.local>
                %sArrival-Date: Mon, 23 Nov 2026 10:00:00 +0300
                Reported-Domain: gospochta.local

                --%s
                Content-Type: message/rfc822
                Content-Disposition: inline

                %s
                --%s--
                """.formatted(UUID.randomUUID(), boundary, boundary, boundary, feedbackType,
                rcptTo == null ? "" : "Original-Rcpt-To: <" + rcptTo + ">\n", boundary, originalLetter, boundary)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /**
     * A letter written by hand, sent as it is. Real reports come with an empty envelope sender
     * ({@code MAIL FROM:<>}); GreenMail answers that with 250 but then refuses the recipient, so
     * the mailer daemon is named.
     */
    public static void deliver(int smtpPort, String to, String raw) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.from", "mailer-daemon@mx.example.ru");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", smtpPort, null, null);
            transport.sendMessage(message, InternetAddress.parse(to));
        }
    }
}
