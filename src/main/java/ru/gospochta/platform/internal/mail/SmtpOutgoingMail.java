package ru.gospochta.platform.internal.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.OutgoingMail;

/**
 * The mail port over Jakarta Mail's SMTP transport: writes the letter's bytes, DKIM-signs those
 * very bytes and hands them unchanged to a pooled connection of the catcher or the relay.
 */
class SmtpOutgoingMail implements OutgoingMail {

    private final Session session;
    private final SmtpConnections connections;
    private final @Nullable DkimSigner signer;
    private final MailProperties properties;
    private final @Nullable LetterStamp stamp;
    private final LetterWriter writer;

    SmtpOutgoingMail(Session session, SmtpConnections connections, @Nullable DkimSigner signer, MailProperties properties,
            @Nullable LetterStamp stamp) {
        this.session = session;
        this.connections = connections;
        this.signer = signer;
        this.properties = properties;
        this.stamp = stamp;
        this.writer = new LetterWriter(properties.fromAddress(), properties.fromName(), Clock.systemDefaultZone());
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
            Letter letter = letters.get(i);
            String messageId = messageIds.get(i);
            sent.add(Sent.attempt(() -> {
                deliver(letter, messageId);
                return messageId;
            }));
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
            LetterWriter.Written composed = writer.write(letter, messageId);
            byte[] written = composed.bytes();
            wire = new WireLetter(session, signer == null ? RelaxedCanonicalization.crlfLines(written) : signer.sign(written),
                    composed.from(), composed.to());
        } catch (MessagingException e) {
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
