package ru.gospochta.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own failures (bad parameter, unknown resource, wrong method …) answered by
 * audience: a browser gets the error page in its language, any other client the RFC 9457
 * problem details. Boot's problem-details handler alone would send JSON to a browser too,
 * because a browser's Accept header ends in a wildcard. Defining this handler replaces Boot's.
 * It runs last, so handlers inside a controller and advice with an explicit order win.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorResponses extends ResponseEntityExceptionHandler {

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && asksForPage(web.getRequest())) {
            HttpServletResponse response = web.getResponse();
            if (!response.isCommitted()) {
                headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                try {
                    // The container then forwards to /error, which renders the page for this status.
                    response.sendError(status.value());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    /** Browsers name text/html explicitly; API clients and htmx requests do not. */
    static boolean asksForPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> MediaType.TEXT_HTML.equalsTypeAndSubtype(type) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
