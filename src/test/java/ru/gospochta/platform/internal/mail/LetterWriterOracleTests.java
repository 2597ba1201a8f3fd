package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gospochta.platform.internal.mail.MimeChecks.SESSION;
import static ru.gospochta.platform.internal.mail.MimeChecks.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.MailProperties;

/**
 * The letter written directly reads the same as the letter Jakarta Mail composed before: the
 * reference composer below is that earlier code, kept as the oracle.
 */
class LetterWriterOracleTests {

    static final String FROM = "noreply@gospochta.local";
    static final String FROM_NAME = "Госпочта";

    final LetterWriter writer = new LetterWriter(FROM, FROM_NAME, Clock.systemDefaultZone());

    @Test
    @DisplayName("NTF-5: letters written directly read the same as the Jakarta Mail MimeMessage the port composed before")
    void sameAsJakarta() throws Exception {
        Map<String, String> unsubscribe = Map.of("List-Unsubscribe", "<https://gospochta.local/notifications/unsubscribe?t=abc>",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String russian = "Здравствуйте, Иван Петрович!\nВаше заявление № 42 принято.\n\n--\nКод проверки письма: K7Q-2M.\n";
        String html = "<html><body><p>Здравствуйте, <b>Иван Петрович</b>!</p>\n<p>Код: 123456</p></body></html>";
        List<Letter> letters = List.of(
                new Letter("ivan@example.ru", "Ваше заявление принято к рассмотрению", russian, html, unsubscribe, "ntf-1.attempt-1"),
                new Letter("ivan@example.ru", "Уведомление", russian, null),
                new Letter("citizen@example.ru", "Notice", "Dear citizen,   \nline\twith  a tab \n\n\n", null),
                new Letter("citizen@example.ru", "Re: \"quoted\" (comment) <a@b>; x,y: [z] \\ 100%",
                        "Hello,\nyour application is accepted.", "<p>Hello, <b>citizen</b></p>", Map.of("X-Gospochta-Check", "K7Q-2M")),
                // A display name in To is left out: the old code wrote it as raw UTF-8, which reads back garbled.
                new Letter("<ivan@example.ru>", LetterWriterTests.LONG_CYRILLIC, "Hello", "<p>Привет</p>"),
                new Letter("ivan@example.ru", LetterWriterTests.EMOJI, "Текст 📄\r\nс CRLF\r\n", "<p>📄</p>", unsubscribe),
                new Letter("ivan@example.ru", "long ascii words ".repeat(12).strip(), ("x".repeat(900) + "\n").repeat(2), null),
                new Letter("ivan@example.ru", "Тема", "x".repeat(901), "<p>" + "y".repeat(1000) + "</p>"),
                new Letter("ivan@example.ru", "Empty", "", "<p></p>"));
        for (Letter letter : letters) {
            String messageId = "<" + (letter.reference() == null ? "oracle" : letter.reference()) + "@gospochta.local>";
            MimeMessage expected = parse(jakartaComposed(letter, messageId));
            MimeMessage actual = parse(writer.write(letter, messageId).bytes());
            assertSame(expected, actual, letter.subject());
        }
    }

    @Test
    @DisplayName("NTF-5: a malformed recipient fails the send as before — not composed, permanent, no reply code — and nothing is sent")
    void invalidRecipientNotSent() {
        AtomicInteger connects = new AtomicInteger();
        SmtpConnections connections = new SmtpConnections(() -> {
            connects.incrementAndGet();
            throw new MessagingException("no connection in this test");
        }, 1, 10, Duration.ofMinutes(1), Duration.ofSeconds(1));
        MailProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("gospochta.mail.from-address", FROM)))
                .bindOrCreate("gospochta.mail", MailProperties.class);
        SmtpOutgoingMail mail = new SmtpOutgoingMail(SESSION, connections, null, properties, null);

        for (String to : List.of("not an address", "a@b;c@d", "ivan@")) {
            String expectedMessage = jakartaRefusal(new Letter(to, "Тема", "текст", null));
            assertThatThrownBy(() -> mail.send(new Letter(to, "Тема", "текст", null)))
                    .isInstanceOfSatisfying(MailNotSent.class, e -> {
                        assertThat(e.getMessage()).isEqualTo(expectedMessage).startsWith("the letter could not be composed: ");
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.replyCode()).isEqualTo(-1);
                        assertThat(e.aboutTheAddress()).isFalse();
                    });
        }
        assertThat(connects).hasValue(0);
    }

    private static void assertSame(MimeMessage expected, MimeMessage actual, String letter) throws Exception {
        assertThat(actual.getSubject()).as("subject of %s", letter).isEqualTo(expected.getSubject());
        assertThat(addresses(actual.getFrom())).as("from").isEqualTo(addresses(expected.getFrom()));
        assertThat(addresses(actual.getRecipients(Message.RecipientType.TO))).as("to")
                .isEqualTo(addresses(expected.getRecipients(Message.RecipientType.TO)));
        assertThat(actual.getMessageID()).isEqualTo(expected.getMessageID());
        assertThat(Duration.between(expected.getSentDate().toInstant(), actual.getSentDate().toInstant()).abs())
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
        for (String name : List.of("MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post", "X-Gospochta-Check")) {
            assertThat(actual.getHeader(name, null)).as(name).isEqualTo(expected.getHeader(name, null));
        }
        assertThat(contentType(actual.getContentType())).isEqualTo(contentType(expected.getContentType()));
        assertThat(actual.getEncoding()).isEqualTo(expected.getEncoding());
        if (expected.getContent() instanceof Multipart expectedParts) {
            Multipart actualParts = (Multipart) actual.getContent();
            assertThat(actualParts.getCount()).isEqualTo(expectedParts.getCount());
            for (int i = 0; i < expectedParts.getCount(); i++) {
                assertSamePart(expectedParts.getBodyPart(i), actualParts.getBodyPart(i), letter);
            }
        } else {
            assertThat(actual.getContent()).as("content of %s", letter).isEqualTo(expected.getContent());
        }
    }

    private static void assertSamePart(BodyPart expected, BodyPart actual, String letter) throws Exception {
        assertThat(contentType(actual.getContentType())).isEqualTo(contentType(expected.getContentType()));
        assertThat(actual.getHeader("Content-Transfer-Encoding")).isEqualTo(expected.getHeader("Content-Transfer-Encoding"));
        assertThat(actual.getContent()).as("part of %s", letter).isEqualTo(expected.getContent());
    }

    /** Base type and charset; the boundary is random in both. */
    private static String contentType(String header) throws Exception {
        ContentType type = new ContentType(header);
        return type.getBaseType().toLowerCase() + ";" + type.getParameter("charset");
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        List<String> all = new ArrayList<>();
        for (jakarta.mail.Address address : addresses) {
            InternetAddress internet = (InternetAddress) address;
            all.add(internet.getPersonal() + " <" + internet.getAddress() + ">");
        }
        return all;
    }

    private static String jakartaRefusal(Letter letter) {
        try {
            jakartaComposed(letter, "<x@gospochta.local>");
            throw new AssertionError("the reference composer took " + letter.to());
        } catch (MessagingException e) {
            return "the letter could not be composed: " + e.getMessage();
        }
    }

    // The reference composer: the port's earlier code, composing through a Jakarta Mail MimeMessage.

    private static byte[] jakartaComposed(Letter letter, String messageId) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(FROM, FROM_NAME, "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(letter.to(), true));
        message.setSubject(letter.subject(), "UTF-8");
        message.setSentDate(new Date());
        if (letter.html() == null) {
            String encoding = LetterWriter.transferEncoding(letter.text());
            message.setText(encoding.equals("base64") ? crlf(letter.text()) : letter.text(), "UTF-8");
            message.setHeader("Content-Transfer-Encoding", encoding);
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(encoded(letter.text(), "plain"));
            alternative.addBodyPart(encoded(letter.html(), "html"));
            message.setContent(alternative);
        }
        for (Map.Entry<String, String> header : new LinkedHashMap<>(letter.headers()).entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return RelaxedCanonicalization.crlfLines(out.toByteArray());
    }

    private static MimeBodyPart encoded(String content, String subtype) throws MessagingException {
        String encoding = LetterWriter.transferEncoding(content);
        byte[] text = crlf(content).getBytes(StandardCharsets.UTF_8);
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", encoding);
        return new MimeBodyPart(headers, encoding.equals("base64")
                ? Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(text) : text);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
