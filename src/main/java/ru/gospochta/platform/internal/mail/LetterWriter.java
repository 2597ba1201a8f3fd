package ru.gospochta.platform.internal.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import ru.gospochta.platform.Letter;

/**
 * Writes a letter's MIME bytes directly, CRLF line ends throughout: the letter Jakarta Mail's
 * {@code MimeMessage} made before — Date, From, To, Message-ID, Subject, MIME-Version, the
 * letter's own headers, then a text/plain part or a multipart/alternative of text and HTML — at a
 * fraction of the cost, as building and writing a {@code MimeMessage} for every notification was
 * a tenth of the dispatcher's CPU. The bytes are what is DKIM-signed and sent, unchanged.
 */
final class LetterWriter {

    /** The bytes to send and the addresses the transport needs for the envelope. */
    record Written(byte[] bytes, Address[] from, Address[] to) {
    }

    /** Headers this writer sets itself; a letter's own header by one of these names would make a second one. */
    private static final Set<String> OWN_HEADERS = Set.of("date", "from", "to", "message-id", "subject", "mime-version",
            "content-type", "content-transfer-encoding");

    /** Base64 in lines of 76 characters ending in CRLF (RFC 2045 §6.8). */
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    /** RFC 5322 §2.1.1: at most 998 characters a line; a 7bit part keeps well inside it. */
    private static final int MAX_LINE = 900;

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final Clock clock;
    private final Address[] from;
    /** The From field, CRLF included: it never changes, so it is encoded and folded once. */
    private final byte[] fromField;

    LetterWriter(String fromAddress, String fromName, Clock clock) {
        this.clock = clock;
        try {
            InternetAddress sender = new InternetAddress(fromAddress, fromName, "UTF-8");
            this.from = new Address[] {sender};
            this.fromField = ("From: " + fromValue(sender, fromName) + "\r\n").getBytes(StandardCharsets.UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /**
     * An ASCII name as InternetAddress writes it, quoted when it has specials (RFC 5322 §3.2.4);
     * any other as encoded-words of at most 76 characters a line, which Jakarta Mail's own words
     * can exceed after "From: ".
     */
    private static String fromValue(InternetAddress sender, String name) {
        if (HeaderText.isPlain(name)) {
            return MimeUtility.fold(6, sender.toString());
        }
        String words = HeaderText.encoded(name, 6);
        int lastLine = words.contains("\n") ? words.length() - words.lastIndexOf('\n') - 1 : 6 + words.length();
        String address = "<" + sender.getAddress() + ">";
        return words + (lastLine + 1 + address.length() > 76 ? "\r\n " : " ") + address;
    }

    /**
     * The letter's bytes.
     *
     * @throws MessagingException when the recipient is not an address (parsed as strictly as
     *                            before), or a header of the letter's own cannot be written
     */
    Written write(Letter letter, String messageId) throws MessagingException {
        InternetAddress[] to = InternetAddress.parse(letter.to(), true);
        if (to.length == 0) {
            throw new AddressException("no recipient address", letter.to());
        }
        String html = letter.html();
        int estimate = 1024 + letter.text().length() * 3 + (html == null ? 0 : html.length() * 3);
        MimeBytes out = new MimeBytes(estimate);
        out.ascii("Date: ").ascii(date(ZonedDateTime.now(clock))).crlf();
        out.raw(fromField);
        // An address itself may be UTF-8 (RFC 6532); that goes as is, as it did before.
        out.ascii("To: ").utf8(InternetAddress.toString(displayable(to), 4)).crlf();
        out.ascii("Message-ID: ").utf8(messageId).crlf();
        HeaderText.write(out, "Subject", letter.subject(), true);
        out.ascii("MIME-Version: 1.0").crlf();
        for (Map.Entry<String, String> header : sorted(letter.headers())) {
            HeaderText.write(out, header.getKey(), header.getValue(), false);
        }
        if (html == null) {
            out.ascii("Content-Type: text/plain; charset=UTF-8").crlf();
            Part text = Part.of(letter.text());
            out.ascii("Content-Transfer-Encoding: ").ascii(text.encoding()).crlf().crlf();
            out.raw(text.body());
            // A message ends with a line end; an empty body has none to end.
            if (text.body().length > 0 && !out.endsWithCrlf()) {
                out.crlf();
            }
        } else {
            Part text = Part.of(letter.text());
            Part markup = Part.of(html);
            String boundary = boundary(text, markup);
            out.ascii("Content-Type: multipart/alternative;").crlf().ascii("\tboundary=\"").ascii(boundary).ascii("\"").crlf().crlf();
            // Text first, HTML last: clients show the last alternative they can render.
            part(out, boundary, "plain", text);
            part(out, boundary, "html", markup);
            out.ascii("--").ascii(boundary).ascii("--").crlf();
        }
        return new Written(out.toArray(), from, to);
    }

    private static void part(MimeBytes out, String boundary, String subtype, Part part) {
        out.ascii("--").ascii(boundary).crlf();
        out.ascii("Content-Type: text/").ascii(subtype).ascii("; charset=UTF-8").crlf();
        out.ascii("Content-Transfer-Encoding: ").ascii(part.encoding()).crlf().crlf();
        // The line end after the content belongs to the boundary line that follows (RFC 2046 §5.1.1).
        out.raw(part.body()).crlf();
    }

    /**
     * A boundary that cannot occur in the parts: "=_" never occurs in base64, and a 7bit part is
     * checked, though 128 random bits leave nothing to guess at.
     */
    private static String boundary(Part text, Part markup) {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String boundary = "=_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
            if (!text.contains(boundary) && !markup.contains(boundary)) {
                return boundary;
            }
        }
    }

    /** The recipients as they read in the To field: a display name not in ASCII encoded (RFC 2047) rather than raw. */
    private static InternetAddress[] displayable(InternetAddress[] to) throws MessagingException {
        InternetAddress[] shown = to;
        for (int i = 0; i < to.length; i++) {
            String personal = to[i].getPersonal();
            if (personal != null && !HeaderText.isAscii(personal)) {
                if (shown == to) {
                    shown = to.clone();
                }
                try {
                    shown[i] = new InternetAddress(to[i].getAddress(), personal, "UTF-8");
                } catch (UnsupportedEncodingException e) {
                    throw new MessagingException("UTF-8 is always supported", e);
                }
            }
        }
        return shown;
    }

    /**
     * The letter's own headers in the order of their names: the map keeps none of its own, and the
     * same letter should come out the same.
     */
    private static List<Map.Entry<String, String>> sorted(Map<String, String> headers) throws MessagingException {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(headers.entrySet());
        for (Map.Entry<String, String> header : sorted) {
            String name = header.getKey();
            if (!HeaderText.isFieldName(name)) {
                throw new MessagingException("not a header name: " + name);
            }
            if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new MessagingException("the letter's " + name + " header is the transport's to set");
            }
        }
        if (sorted.size() > 1) {
            sorted.sort(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER));
        }
        return sorted;
    }

    /** RFC 5322 §3.3, as Jakarta Mail's MailDateFormat writes it, without its comment naming the zone. */
    static String date(ZonedDateTime time) {
        StringBuilder date = new StringBuilder(31);
        date.append(DAYS[time.getDayOfWeek().ordinal()]).append(", ").append(time.getDayOfMonth()).append(' ')
                .append(MONTHS[time.getMonthValue() - 1]).append(' ').append(time.getYear()).append(' ');
        twoDigits(date, time.getHour()).append(':');
        twoDigits(date, time.getMinute()).append(':');
        twoDigits(date, time.getSecond()).append(' ');
        int offsetMinutes = time.getOffset().getTotalSeconds() / 60;
        date.append(offsetMinutes < 0 ? '-' : '+');
        twoDigits(date, Math.abs(offsetMinutes) / 60);
        return twoDigits(date, Math.abs(offsetMinutes) % 60).toString();
    }

    private static StringBuilder twoDigits(StringBuilder to, int value) {
        return to.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * The Content-Transfer-Encoding of a text part, chosen in one pass. ASCII in short lines goes
     * as it is; anything else — the portal's letters are Russian — as base64, a third larger than
     * the UTF-8 rather than the three times of quoted-printable for Cyrillic.
     */
    static String transferEncoding(String content) {
        int line = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n') {
                line = 0;
            } else if (c >= 0x80 || c == 0 || c == '\r' && (i + 1 == content.length() || content.charAt(i + 1) != '\n')
                    || ++line > MAX_LINE) {
                return "base64";
            }
        }
        return "7bit";
    }

    /** A text part's encoded body, without a line end after its last line. */
    private record Part(String encoding, byte[] body, String text) {

        static Part of(String content) {
            String encoding = transferEncoding(content);
            // CRLF line ends: the wire's form for 7bit (ASCII, so its UTF-8 is the ASCII), and text's
            // canonical form before base64 (RFC 2045 §6.8).
            byte[] text = crlfUtf8(content);
            return encoding.equals("base64") ? new Part(encoding, BASE64.encode(text), "") : new Part(encoding, text, content);
        }

        /** Only a 7bit part keeps its text: base64 has neither '=' inside nor '_' at all. */
        boolean contains(String boundary) {
            return text.contains(boundary);
        }
    }

    /**
     * The text in UTF-8 with every bare LF made CRLF, a CR left as it is. Done on the bytes — a
     * UTF-8 sequence never holds a CR or LF byte — because replacing in a Cyrillic (UTF-16) string
     * cost more than the rest of writing the letter.
     */
    static byte[] crlfUtf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int bare = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\n' && (i == 0 || utf8[i - 1] != '\r')) {
                bare++;
            }
        }
        if (bare == 0) {
            return utf8;
        }
        byte[] crlf = new byte[utf8.length + bare];
        int o = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\n' && (i == 0 || utf8[i - 1] != '\r')) {
                crlf[o++] = '\r';
            }
            crlf[o++] = utf8[i];
        }
        return crlf;
    }
}
