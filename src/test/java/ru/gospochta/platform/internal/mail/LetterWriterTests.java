package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gospochta.platform.internal.mail.MimeChecks.assertWireForm;
import static ru.gospochta.platform.internal.mail.MimeChecks.assertWordsWhole;
import static ru.gospochta.platform.internal.mail.MimeChecks.crlf;
import static ru.gospochta.platform.internal.mail.MimeChecks.field;
import static ru.gospochta.platform.internal.mail.MimeChecks.headerLines;
import static ru.gospochta.platform.internal.mail.MimeChecks.headerNames;
import static ru.gospochta.platform.internal.mail.MimeChecks.parse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.platform.Letter;

/** A letter's MIME bytes as {@link LetterWriter} writes them, read back by Jakarta Mail as a mail client would. */
class LetterWriterTests {

    static final String MESSAGE_ID = "<ntf-42.attempt-1@gospochta.local>";
    static final String LONG_CYRILLIC = "Уведомление о начислении штрафа ГИБДД по постановлению № 18810177230001234567 "
            + "от 20 ноября: оплатите до 20 декабря со скидкой 50 процентов, иначе начисление будет передано судебным приставам "
            + "для принудительного взыскания";
    static final String EMOJI = "Ваш документ готов 📄✅ — заберите его 🏛️ в МФЦ 👍🏽 до пятницы 🗓️";

    final LetterWriter writer = new LetterWriter("noreply@gospochta.local", "Госпочта", Clock.systemDefaultZone());

    @Test
    @DisplayName("NTF-5: a base64 part's text gets CRLF for every bare LF, keeps CRLF and a lone CR as they are, in UTF-8")
    void crlfBeforeBase64() {
        for (String text : List.of("", "a", "a\nb", "a\r\nb", "\n", "\n\n", "a\rb", "\r\r\n", "\r\n\n", "строка\nещё\r\nи ещё\n",
                "emoji 😀\n")) {
            byte[] expected = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            assertThat(LetterWriter.crlfUtf8(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("NTF-5: subjects read back as written — Cyrillic, 200+ Cyrillic characters, emoji, ASCII with specials, long ASCII")
    void subjectsReadBack() throws Exception {
        assertThat(LONG_CYRILLIC.length()).isGreaterThan(200);
        List<String> subjects = new ArrayList<>(List.of("Ваше заявление принято к рассмотрению", LONG_CYRILLIC, EMOJI,
                "Re: \"quoted\" (comment) <a@b>; x,y: [z] \\ 100% =_ ?", "Payment of 10 € is due tomorrow", "Hello there",
                "long ascii words ".repeat(20).strip(), "x".repeat(1200), "Looks =?UTF-8?B?0JrQvtC0?= encoded",
                "tab\tand  two spaces"));
        // Emoji after every offset, so that words end next to surrogate pairs and multi-byte characters alike.
        for (int offset = 0; offset < 48; offset++) {
            subjects.add("д".repeat(offset % 7) + "x".repeat(offset) + "😀🎉👍🏽".repeat(12));
        }
        for (String subject : subjects) {
            byte[] letter = writer.write(new Letter("ivan@example.ru", subject, "text", null), MESSAGE_ID).bytes();
            assertWireForm(letter);
            assertThat(parse(letter).getSubject()).as("subject %s", subject).isEqualTo(subject);
            String field = field(letter, "Subject");
            assertWordsWhole(field);
            if (field.contains("=?UTF-8?")) {
                assertThat(field.split("\r\n")).as("encoded lines of %s", subject).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76));
            }
        }
    }

    @Test
    @DisplayName("NTF-5: a subject is encoded only when it must be, in Q when mostly ASCII and in B when Cyrillic; line breaks become spaces")
    void subjectEncoding() throws Exception {
        assertThat(field(write("Hello there"), "Subject")).isEqualTo("Subject: Hello there");
        assertThat(field(write("Payment of 10 € is due tomorrow"), "Subject"))
                .isEqualTo("Subject: =?UTF-8?Q?Payment_of_10_=E2=82=AC_is_due_tomorrow?=");
        assertThat(field(write("Код"), "Subject")).isEqualTo("Subject: =?UTF-8?B?0JrQvtC0?=");
        assertThat(field(write("long ascii words ".repeat(10)), "Subject").split("\r\n"))
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76)).hasSize(3);
        assertThat(parse(write("first line\nsecond\r\nthird")).getSubject()).isEqualTo("first line second third");
        assertThat(headerLines(write("a\r\nBcc: someone@example.ru"))).noneMatch(line -> line.startsWith("Bcc"));
    }

    @Test
    @DisplayName("NTF-6: From carries the Cyrillic display name and the sender's address; an ASCII name with specials is quoted")
    void fromReadsBack() throws Exception {
        MimeMessage letter = parse(write("Тема"));
        InternetAddress from = (InternetAddress) letter.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Госпочта");
        assertThat(from.getAddress()).isEqualTo("noreply@gospochta.local");

        LetterWriter company = new LetterWriter("noreply@gospochta.local", "Gospochta, Inc. \"HQ\"", Clock.systemDefaultZone());
        byte[] written = company.write(new Letter("ivan@example.ru", "x", "y", null), MESSAGE_ID).bytes();
        assertThat(field(written, "From")).isEqualTo("From: \"Gospochta, Inc. \\\"HQ\\\"\" <noreply@gospochta.local>");
        assertThat(((InternetAddress) parse(written).getFrom()[0]).getPersonal()).isEqualTo("Gospochta, Inc. \"HQ\"");

        String longName = "Государственная почтовая служба — уведомления граждан и организаций Российской Федерации";
        LetterWriter official = new LetterWriter("noreply@gospochta.local", longName, Clock.systemDefaultZone());
        byte[] folded = official.write(new Letter("ivan@example.ru", "x", "y", null), MESSAGE_ID).bytes();
        assertWireForm(folded);
        assertThat(field(folded, "From").split("\r\n")).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76));
        assertThat(((InternetAddress) parse(folded).getFrom()[0]).getPersonal()).isEqualTo(longName);
    }

    @Test
    @DisplayName("NTF-6: To, Message-ID, Date, MIME-Version and the letter's own headers read back, in a fixed order")
    void headersReadBack() throws Exception {
        Letter letter = new Letter("Иван Петров <ivan@example.ru>", "Тема", "Текст", "<p>Текст</p>",
                Map.of("List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
                        "List-Unsubscribe", "<https://gospochta.local/notifications/unsubscribe?t=abc_DEF-123>",
                        "X-Gospochta-Check", "K7Q-2M"));
        Instant before = Instant.now();
        LetterWriter.Written written = writer.write(letter, MESSAGE_ID);
        MimeMessage read = parse(written.bytes());

        InternetAddress to = (InternetAddress) read.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo("ivan@example.ru");
        assertThat(to.getPersonal()).isEqualTo("Иван Петров");
        assertThat(field(written.bytes(), "To")).isEqualTo("To: =?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@example.ru>");
        assertThat(written.to()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("ivan@example.ru");
        assertThat(written.from()).extracting(Address::toString).singleElement().asString().endsWith("<noreply@gospochta.local>");
        assertThat(read.getMessageID()).isEqualTo(MESSAGE_ID);
        assertThat(read.getSentDate().toInstant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(read.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(read.getHeader("List-Unsubscribe", null)).isEqualTo("<https://gospochta.local/notifications/unsubscribe?t=abc_DEF-123>");
        assertThat(read.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(read.getHeader("X-Gospochta-Check", null)).isEqualTo("K7Q-2M");
        assertThat(headerNames(written.bytes())).containsExactly("Date", "From", "To", "Message-ID", "Subject", "MIME-Version",
                "List-Unsubscribe", "List-Unsubscribe-Post", "X-Gospochta-Check", "Content-Type");
    }

    @Test
    @DisplayName("NTF-5: Date is RFC 5322 with a numeric offset, in the writer's zone, as Jakarta Mail reads it")
    void date() throws Exception {
        ZonedDateTime moscow = ZonedDateTime.of(2026, 3, 3, 9, 5, 7, 0, ZoneId.of("Europe/Moscow"));
        assertThat(LetterWriter.date(moscow)).isEqualTo("Tue, 3 Mar 2026 09:05:07 +0300");
        ZonedDateTime newfoundland = ZonedDateTime.of(2026, 11, 23, 23, 59, 59, 0, ZoneId.of("America/St_Johns"));
        assertThat(LetterWriter.date(newfoundland)).isEqualTo("Mon, 23 Nov 2026 23:59:59 -0330");
        assertThat(new MailDateFormat().parse(LetterWriter.date(newfoundland)).toInstant()).isEqualTo(newfoundland.toInstant());

        LetterWriter fixed = new LetterWriter("noreply@gospochta.local", "Госпочта", Clock.fixed(moscow.toInstant(), moscow.getZone()));
        MimeMessage read = parse(fixed.write(new Letter("ivan@example.ru", "x", "y", null), MESSAGE_ID).bytes());
        assertThat(read.getSentDate().toInstant()).isEqualTo(moscow.toInstant());
    }

    @Test
    @DisplayName("NTF-5: a text-only letter reads back with its content and type, Cyrillic as base64 and ASCII as 7bit")
    void textOnly() throws Exception {
        String cyrillic = "Здравствуйте, Иван Петрович!\nВаше заявление № 42 принято.\n\n--\nКод проверки письма: 123456\n";
        MimeMessage read = parse(writer.write(new Letter("ivan@example.ru", "Тема", cyrillic, null), MESSAGE_ID).bytes());
        assertThat(read.getContent()).isEqualTo(crlf(cyrillic));
        assertThat(new ContentType(read.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(new ContentType(read.getContentType()).getParameter("charset")).isEqualTo("UTF-8");
        assertThat(read.getEncoding()).isEqualTo("base64");

        String ascii = "Dear citizen,   \nline\twith  a tab\n\n";
        MimeMessage plain = parse(writer.write(new Letter("ivan@example.ru", "Notice", ascii, null), MESSAGE_ID).bytes());
        assertThat(plain.getContent()).isEqualTo(crlf(ascii));
        assertThat(plain.getEncoding()).isEqualTo("7bit");

        byte[] empty = writer.write(new Letter("ivan@example.ru", "Notice", "", null), MESSAGE_ID).bytes();
        assertThat(new String(empty, StandardCharsets.US_ASCII)).endsWith("Content-Transfer-Encoding: 7bit\r\n\r\n");
    }

    @Test
    @DisplayName("NTF-5: an alternative letter reads back as text then HTML, each with its charset and exact content")
    void alternative() throws Exception {
        String text = "Здравствуйте!\nВаше заявление принято.\n";
        String html = "<html><body><p>Здравствуйте, <b>Иван</b>!</p>\n<p>Принято.</p></body></html>";
        assertAlternative(text, html, "base64", "base64");
        assertAlternative("Hello,\nyour application is accepted.", "<p>Hello, <b>citizen</b></p>", "7bit", "7bit");
        assertAlternative("Hello", "<p>Привет</p>", "7bit", "base64");
    }

    private void assertAlternative(String text, String html, String textEncoding, String htmlEncoding) throws Exception {
        byte[] written = writer.write(new Letter("ivan@example.ru", "Тема", text, html), MESSAGE_ID).bytes();
        assertWireForm(written);
        MimeMessage read = parse(written);
        ContentType type = new ContentType(read.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/alternative");
        assertThat(field(written, "Content-Type")).contains("boundary=\"" + type.getParameter("boundary") + "\"");
        Multipart parts = (Multipart) read.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertPart(parts.getBodyPart(0), "text/plain", textEncoding, crlf(text));
        assertPart(parts.getBodyPart(1), "text/html", htmlEncoding, crlf(html));
    }

    private static void assertPart(BodyPart part, String type, String encoding, String content) throws Exception {
        ContentType contentType = new ContentType(part.getContentType());
        assertThat(contentType.getBaseType()).isEqualTo(type);
        assertThat(contentType.getParameter("charset")).isEqualTo("UTF-8");
        assertThat(part.getHeader("Content-Transfer-Encoding")).containsExactly(encoding);
        assertThat(part.getContent()).isEqualTo(content);
    }

    @Test
    @DisplayName("NTF-5: the boundary occurs only on the delimiter lines, never in the parts, even parts full of =_ and --")
    void boundaryUnique() throws Exception {
        String text = "--=_\n=_=_ --=_0123456789abcdef\n-- \n" + "=_".repeat(300);
        for (int i = 0; i < 50; i++) {
            byte[] written = writer.write(new Letter("ivan@example.ru", "Тема", text, "<p>--=_" + i + "</p>"), MESSAGE_ID).bytes();
            String letter = new String(written, StandardCharsets.ISO_8859_1);
            String boundary = new ContentType(parse(written).getContentType()).getParameter("boundary");
            assertThat(boundary).matches("=_[0-9a-f]{32}");
            int occurrences = letter.split(java.util.regex.Pattern.quote(boundary), -1).length - 1;
            assertThat(occurrences).as("Content-Type, two delimiters and the close").isEqualTo(4);
            assertThat(letter).contains("\r\n--" + boundary + "\r\nContent-Type: text/plain")
                    .contains("\r\n--" + boundary + "\r\nContent-Type: text/html").endsWith("\r\n--" + boundary + "--\r\n");
            assertThat(((Multipart) parse(written).getContent()).getBodyPart(0).getContent()).isEqualTo(crlf(text));
        }
    }

    @Test
    @DisplayName("NTF-5: every line ends in CRLF and none is over 998 octets, whatever the text's line ends and lengths")
    void wireForm() throws Exception {
        String longLines = ("x".repeat(900) + "\n").repeat(3) + "y".repeat(2000) + "\r\nend\rCR";
        for (Letter letter : List.of(new Letter("ivan@example.ru", LONG_CYRILLIC, longLines, longLines),
                new Letter("ivan@example.ru", "x".repeat(3000), "a\nb\r\nc", null),
                new Letter("ivan@example.ru", "Тема", ("line " + "x".repeat(899) + "\n").repeat(3), null),
                new Letter("ivan@example.ru", EMOJI, "Текст\n", "<p>Текст</p>", Map.of("List-Unsubscribe", "<https://x/u?t=a>")))) {
            byte[] written = writer.write(letter, MESSAGE_ID).bytes();
            assertWireForm(written);
            MimeMessage read = parse(written);
            String text = read.getContent() instanceof Multipart parts ? (String) parts.getBodyPart(0).getContent()
                    : (String) read.getContent();
            assertThat(text).startsWith(crlf(letter.text()).substring(0, 4));
        }
    }

    @Test
    @DisplayName("NTF-6: a header value not in ASCII is encoded, a line break in one cannot start another header")
    void ownHeaders() throws Exception {
        byte[] written = writer.write(new Letter("ivan@example.ru", "Тема", "x", null,
                Map.of("X-Sender-Name", "Министерство цифрового развития", "X-Note", "one\r\nBcc: someone@example.ru")), MESSAGE_ID).bytes();
        assertWireForm(written);
        MimeMessage read = parse(written);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(read.getHeader("X-Sender-Name", null)))
                .isEqualTo("Министерство цифрового развития");
        assertThat(read.getHeader("X-Note", null)).isEqualTo("one Bcc: someone@example.ru");
        assertThat(read.getHeader("Bcc")).isNull();

        String longName = "X-" + "Gospochta-".repeat(7);
        byte[] longField = writer.write(new Letter("ivan@example.ru", "Тема", "x", null, Map.of(longName, "Значение 😀")), MESSAGE_ID)
                .bytes();
        String[] lines = field(longField, longName).split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo(longName + ":");
        assertThat(lines[1]).startsWith(" =?UTF-8?").hasSizeLessThanOrEqualTo(76);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(parse(longField).getHeader(longName, null))).isEqualTo("Значение 😀");
    }

    @Test
    @DisplayName("NTF-5: a header of the letter's own that the transport sets, or a malformed name, is refused")
    void ownHeadersRefused() {
        for (String name : List.of("Subject", "content-type", "From", "Message-ID", "Bad Name", "Bad:Name")) {
            assertThatThrownBy(() -> writer.write(new Letter("ivan@example.ru", "Тема", "x", null, Map.of(name, "v")), MESSAGE_ID))
                    .as(name).isInstanceOf(MessagingException.class);
        }
    }

    @Test
    @DisplayName("NTF-5: a malformed recipient address is refused as strictly as Jakarta Mail parses it")
    void invalidRecipient() {
        for (String to : List.of("not an address", "a@b;c@d", "ivan@", "<ivan@example.ru", ",")) {
            assertThatThrownBy(() -> writer.write(new Letter(to, "Тема", "x", null), MESSAGE_ID))
                    .as(to).isInstanceOf(AddressException.class);
        }
    }

    private byte[] write(String subject) throws MessagingException {
        return writer.write(new Letter("ivan@example.ru", subject, "text", null), MESSAGE_ID).bytes();
    }
}
