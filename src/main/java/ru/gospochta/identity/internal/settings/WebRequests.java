package ru.gospochta.identity.internal.settings;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/** What the settings controllers take from a request and how they answer a refusal. */
final class WebRequests {

    /** A refusal is answered with the form again: 422, or 429 while the person has to wait. */
    static final int REFUSED = 422;
    static final int TOO_MANY = 429;

    private WebRequests() {
    }

    static String sourceIp(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    static @Nullable String sessionId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }

    /** Puts the explanation into the model as {@code errors} and sets the status. */
    static void refused(SettingsRefused refused, RefusalMessages messages, Locale locale, Model model,
            HttpServletResponse response) {
        List<String> errors = messages.explain(refused, locale);
        model.addAttribute("errors", errors);
        boolean waiting = refused.reason() == SettingsRefused.Reason.MUST_WAIT
                || refused.reason() == SettingsRefused.Reason.SMS_LIMIT;
        response.setStatus(waiting ? TOO_MANY : REFUSED);
    }
}
