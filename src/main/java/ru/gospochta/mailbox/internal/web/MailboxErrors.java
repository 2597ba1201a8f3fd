package ru.gospochta.mailbox.internal.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import ru.gospochta.mailbox.internal.messages.NotInMailbox;

/**
 * The one place the mailbox pages turn a refusal into an answer: an id that is not the citizen's
 * is «not found» (404), never «forbidden», so nobody learns whether someone else's message exists.
 */
@ControllerAdvice(basePackageClasses = MailboxErrors.class)
class MailboxErrors {

    @ExceptionHandler(NotInMailbox.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
