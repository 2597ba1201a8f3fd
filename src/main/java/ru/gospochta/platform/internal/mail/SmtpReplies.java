package ru.gospochta.platform.internal.mail;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;

/** Finds the SMTP reply code inside a Jakarta Mail failure, wherever the client nested it. */
final class SmtpReplies {

    private SmtpReplies() {
    }

    /** The server's reply line as the failure carries it (e.g. {@code 550 5.7.1 blocked}), or an empty string. */
    static String text(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException || t instanceof SMTPSendFailedException) {
                return String.valueOf(t.getMessage()).strip();
            }
            if (t instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != t.getCause()) {
                String text = text(messaging.getNextException());
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /** The server's reply code, or -1 when it never answered (no connection, I/O failure). */
    static int code(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            if (t instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != t.getCause()) {
                int code = code(messaging.getNextException());
                if (code > 0) {
                    return code;
                }
            }
        }
        return -1;
    }
}
