package ru.gospochta.shell.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the base layout needs to know about the request. */
@ControllerAdvice
class LayoutModel {

    /**
     * The layout publishes the CSRF token for htmx only when a session exists already: reading
     * the token creates one, and a session row for every anonymous visitor of the landing page
     * would cost the database for nothing. Pages with forms carry the token in the form itself.
     */
    @ModelAttribute("hasSession")
    boolean hasSession(HttpServletRequest request) {
        return request.getSession(false) != null;
    }
}
