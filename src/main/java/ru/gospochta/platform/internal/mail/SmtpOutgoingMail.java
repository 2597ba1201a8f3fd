package ru.gospochta.platform.internal.mail;

import java.io.UnsupportedEncodingException;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
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

    SmtpOutgoingMail(JavaMailSenderImpl transport, MailProperties properties) {
        this.transport = transport;
        this.properties = properties;
    }

    @Override
    public String send(Letter letter) {
        MimeMessage message = transport.createMimeMessage();
        try {
            boolean alternative = letter.html() != null;
            MimeMessageHelper helper = new MimeMessageHelper(message, alternative, "UTF-8");
            helper.setFrom(new InternetAddress(properties.fromAddress(), properties.fromName(), "UTF-8"));
            helper.setTo(letter.to());
            helper.setSubject(letter.subject());
            if (alternative) {
                helper.setText(letter.text(), letter.html());
            } else {
                helper.setText(letter.text());
            }
            for (Map.Entry<String, String> header : letter.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            message.saveChanges();
            String messageId = message.getMessageID();
            transport.send(message);
            return messageId;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailNotSent("the letter could not be composed: " + e.getMessage(), true, -1, e);
        } catch (MailException e) {
            int code = replyCode(e);
            return rethrow(e, code);
        }
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
