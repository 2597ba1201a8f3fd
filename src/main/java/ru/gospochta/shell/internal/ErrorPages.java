package ru.gospochta.shell.internal;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Chooses the page Boot's error controller renders for a browser. Taking over from Boot's
 * resolver means no status can fall through to the whitelabel page, and the page model is
 * rebuilt from the status alone, so an exception's class, message or trace cannot reach a
 * template whatever the error-attribute settings say.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private static final Set<Integer> OWN_PAGES = Set.of(400, 403, 404, 500);

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String view = OWN_PAGES.contains(status.value()) ? "error/" + status.value() : "error/error";
        return new ModelAndView(view, Map.of("status", status.value()), status);
    }
}
