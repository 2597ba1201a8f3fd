package ru.gospochta.platform.internal.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedByteArrayInputStream;
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
        String messageId = "<" + (unstamped.reference() == null ? UUID.randomUUID().toString() : unstamped.reference())
                + "@" + properties.fromDomain() + ">";
        // Without a stamp (the transport tested alone) a letter leaves as given.
        Letter letter = stamp == null ? unstamped : stamp.stamp(unstamped, messageId).letter();
        WireLetter wire;
        try {
            byte[] written = write(compose(letter, messageId));
            wire = new WireLetter(session, signer == null ? RelaxedCanonicalization.crlfLines(written) : signer.sign(written));
        } catch (MessagingException | IOException e) {
            throw new MailNotSent("the letter could not be composed: " + e.getMessage(), true, -1, e);
        }
        try {
            connections.send(wire);
            return messageId;
        } catch (MessagingException e) {
            int code = SmtpReplies.code(e);
            boolean permanent = code >= 500 && code < 600;
            throw new MailNotSent("the mail server did not take the letter" + (code > 0 ? " (" + code + ")" : ""),
                    permanent, code, e);
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
            message.setText(letter.text(), "UTF-8");
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
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        return alternative;
    }

    /**
     * A finished letter: parsed for its recipients, but written to the wire as the exact bytes it
     * was signed over, whatever Jakarta Mail would make of it when writing it anew.
     */
    static final class WireLetter extends MimeMessage {

        private final byte[] bytes;

        WireLetter(Session session, byte[] bytes) throws MessagingException {
            super(session, new SharedByteArrayInputStream(bytes));
            this.bytes = bytes;
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
