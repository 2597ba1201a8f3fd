package ru.gospochta.mailbox.internal.web;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import ru.gospochta.identity.CitizenPrincipal;

/**
 * {@code /cabinet/mailbox/events}: a server-sent event stream of the signed-in citizen's new mail
 * (MBX-10). Each event names only the new message's id; the page fetches the row itself, through
 * the same checks as any other request.
 */
@Controller
class NewMailController {

    private final NewMailStreams streams;

    NewMailController(NewMailStreams streams) {
        this.streams = streams;
    }

    @GetMapping(value = "/cabinet/mailbox/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(@AuthenticationPrincipal CitizenPrincipal me) {
        return streams.open(me.accountId());
    }
}
