package ru.gospochta.platform.internal.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jspecify.annotations.Nullable;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.OutgoingMail;

/**
 * The mail port over Jakarta Mail: composes the letter, writes it out, DKIM-signs those very
 * bytes and hands them unchanged to a pooled connection of the catcher or the relay.
 */
class SmtpOutgoingMail implements OutgoingMail {

    private final Session session;
    private final SmtpConnections connections;
    private final @Nullable DkimSigner signer;
    private final MailProperties properties;
    private final @Nullable LetterStamp stamp;

    SmtpOutgoingMail(Session session, SmtpConnections connections, @Nullable DkimSigner signer, MailProperties properties,
            @Nullable LetterStamp stamp) {
        this.session = session;
        this.connections = connections;
        this.signer = signer;
        this.properties = properties;
        this.stamp = stamp;
    }

    @Override
    public String send(Letter unstamped) {
        String messageId = messageId(unstamped);
        // Without a stamp (the transport tested alone) a letter leaves as given.
        deliver(stamp == null ? unstamped : stamp.stamp(unstamped, messageId), messageId);
        return messageId;
    }

    @Override
    public List<Sent> sendAll(List<Letter> unstamped) {
        List<String> messageIds = unstamped.stream().map(this::messageId).toList();
        List<Letter> letters = stamp == null ? unstamped : stamp.stampAll(unstamped, messageIds);
        List<Sent> sent = new ArrayList<>(letters.size());
        for (int i = 0; i < letters.size(); i++) {
            try {
                deliver(letters.get(i), messageIds.get(i));
                sent.add(Sent.sent(messageIds.get(i)));
            } catch (MailNotSent refused) {
                sent.add(Sent.refused(refused));
            }
        }
        return sent;
    }

    private String messageId(Letter letter) {
        return "<" + (letter.reference() == null ? UUID.randomUUID().toString() : letter.reference()) + "@"
                + properties.fromDomain() + ">";
    }

    private void deliver(Letter letter, String messageId) {
        WireLetter wire;
        try {
            MimeMessage composed = compose(letter, messageId);
            byte[] written = write(composed);
            wire = new WireLetter(session, signer == null ? RelaxedCanonicalization.crlfLines(written) : signer.sign(written),
                    composed.getFrom(), composed.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException | IOException e) {
            throw new MailNotSent("the letter could not be composed: " + e.getMessage(), true, -1, e);
        }
        try {
            connections.send(wire);
        } catch (MessagingException e) {
            int code = SmtpReplies.code(e);
            boolean permanent = code >= 500 && code < 600;
            String reply = SmtpReplies.text(e);
            throw new MailNotSent("the mail server did not take the letter" + (code > 0 ? " (" + code + ")" : "")
                    + (reply.isEmpty() ? "" : ": " + reply), permanent, code, e);
        }
    }

    private MimeMessage compose(Letter letter, String messageId) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(properties.fromAddress(), properties.fromName(), "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(letter.to(), true));
        message.setSubject(letter.subject(), "UTF-8");
        message.setSentDate(new Date());
        if (letter.html() == null) {
            String encoding = transferEncoding(letter.text());
            message.setText(encoding.equals("base64") ? crlf(letter.text()) : letter.text(), "UTF-8");
            message.setHeader("Content-Transfer-Encoding", encoding);
        } else {
            message.setContent(alternative(letter.text(), letter.html()));
        }
        for (Map.Entry<String, String> header : letter.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.saveChanges();
        return message;
    }

    private static byte[] write(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Text first, HTML last: clients show the last alternative they can render. */
    private static MimeMultipart alternative(String text, String html) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(encoded(text, "plain"));
        alternative.addBodyPart(encoded(html, "html"));
        return alternative;
    }

    /**
     * A text part handed to Jakarta Mail already encoded: it then copies the bytes as they are
     * instead of streaming the text through a charset encoder and a transfer encoder of its own,
     * which cost more than the rest of composing the letter.
     */
    private static MimeBodyPart encoded(String content, String subtype) throws MessagingException {
        String encoding = transferEncoding(content);
        byte[] text = crlf(content).getBytes(StandardCharsets.UTF_8);
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", encoding);
        // No line end after the last line: the one before the next boundary belongs to the boundary.
        return new MimeBodyPart(headers, encoding.equals("base64") ? BASE64.encode(text) : text);
    }

    /** Base64 in lines of 76 characters ending in CRLF (RFC 2045 §6.8). */
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    /**
     * The Content-Transfer-Encoding of a text part, chosen here in one pass instead of by Jakarta
     * Mail, which streams the whole part through a detector each time it saves and writes. ASCII
     * in short lines goes as it is; anything else — the portal's letters are Russian — as base64,
     * a third larger than the UTF-8 rather than the three times of quoted-printable for Cyrillic.
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

    /** Lines ending in CRLF: the wire's form, and text's canonical form before base64 (RFC 2045 §6.8). */
    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** RFC 5322 §2.1.1: at most 998 characters a line; a 7bit part keeps well inside it. */
    private static final int MAX_LINE = 900;

    /**
     * A finished letter, written to the wire as the exact bytes it was signed over, whatever
     * Jakarta Mail would make of it when writing it anew. It carries only the sender and
     * recipients the transport asks for, so the bytes are never parsed back.
     */
    static final class WireLetter extends MimeMessage {

        private final byte[] bytes;

        WireLetter(Session session, byte[] bytes, jakarta.mail.Address[] from, jakarta.mail.Address[] to) throws MessagingException {
            super(session);
            this.bytes = bytes;
            addFrom(from);
            setRecipients(Message.RecipientType.TO, to);
        }

        @Override
        public int getSize() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public void writeTo(OutputStream out, String @Nullable [] ignoreList) throws IOException {
            out.write(bytes);
        }
    }
}
