package ru.gospochta.platform.internal.mail;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.OutgoingMail;

/** The mail port over Jakarta Mail; the transport behind it is the catcher or the relay. */
@Component
class SmtpOutgoingMail implements OutgoingMail {

    private final JavaMailSenderImpl transport;
    private final MailProperties properties;
    private final LetterStamp stamp;

    SmtpOutgoingMail(JavaMailSenderImpl transport, MailProperties properties, LetterStamp stamp) {
        this.transport = transport;
        this.properties = properties;
        this.stamp = stamp;
    }

    @Override
    public String send(Letter unstamped) {
        LetterStamp.Stamped stamped = stamp.stamp(unstamped);
        Letter letter = stamped.letter();
        MimeMessage message = transport.createMimeMessage();
        try {
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
            String messageId = message.getMessageID();
            transport.send(message);
            stamp.sent(stamped, messageId);
            return messageId;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailNotSent("the letter could not be composed: " + e.getMessage(), true, -1, e);
        } catch (MailException e) {
            int code = replyCode(e);
            return rethrow(e, code);
        }
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

    private static String rethrow(MailException e, int code) {
        boolean permanent = code >= 500 && code < 600;
        throw new MailNotSent("the mail server did not take the letter" + (code > 0 ? " (" + code + ")" : ""),
                permanent, code, e);
    }

    private static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            if (t instanceof org.springframework.mail.MailSendException send) {
                for (Exception nested : send.getFailedMessages().values()) {
                    int code = replyCode(nested);
                    if (code > 0) {
                        return code;
                    }
                }
            }
            if (t instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != t.getCause()) {
                int code = replyCode(messaging.getNextException());
                if (code > 0) {
                    return code;
                }
            }
        }
        return -1;
    }
}
