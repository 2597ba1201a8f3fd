package ru.gospochta.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who and where, as the auditors of sign-ins and refusals take them from a web request. A typed
 * login and a path are untrusted input, so they are cut short and freed of control characters.
 */
final class WebOrigin {

    private static final int MAX_LOGIN = 100;
    private static final int MAX_PATH = 300;

    /** The target when an authentication did not come through an HTTP request. */
    static final String NO_REQUEST = "admin-area";

    private WebOrigin() {
    }

    /** The path of the request this thread is handling, or {@link #NO_REQUEST}. */
    static String currentPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return pathOf(attributes.getRequest());
        }
        return NO_REQUEST;
    }

    static String pathOf(HttpServletRequest request) {
        String path = clean(request.getRequestURI(), MAX_PATH);
        return path.isBlank() ? NO_REQUEST : path;
    }

    static String staffActor(@Nullable String login) {
        String typed = login == null ? "" : clean(login, MAX_LOGIN).strip();
        return "staff:" + (typed.isEmpty() ? "(blank)" : typed);
    }

    private static String clean(String text, int maxLength) {
        StringBuilder kept = new StringBuilder(Math.min(text.length(), maxLength));
        text.codePoints()
                .limit(maxLength)
                .forEach(c -> kept.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return kept.toString();
    }
}
