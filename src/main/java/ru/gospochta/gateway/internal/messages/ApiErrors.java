package ru.gospochta.gateway.internal.messages;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Refusals of the API as problem documents (RFC 9457), worded in the language the client asked
 * for (Russian unless {@code Accept-Language} says otherwise), keyed {@code gateway.api.*}.
 */
@Component
class ApiErrors {

    private final MessageSource messages;

    ApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** Russian unless the client asked for another language: an integrator's client often sends no Accept-Language. */
    static Locale locale(jakarta.servlet.http.HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.of("ru") : request.getLocale();
    }

    /** HTTP 422 with every violation of a message or a batch. */
    ResponseEntity<String> refused(List<Violation> violations, boolean xml, Locale locale) {
        return refused("invalid-message", violations, xml, locale);
    }

    /** HTTP 422 with every violation, under the problem code of what was refused ({@code invalid-event}…). */
    ResponseEntity<String> refused(String code, List<Violation> violations, boolean xml, Locale locale) {
        List<ApiError> errors = violations.stream().map(v -> new ApiError(v.field(), v.code(), explain(v, locale))).toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, code, xml, errors, locale, errors.size());
    }

    /** HTTP 429 with when to come back. */
    ResponseEntity<String> tooMany(QuotaExceeded quota, boolean xml, Locale locale) {
        long seconds = Math.max(1, (quota.retryAfter().toMillis() + 999) / 1000);
        ResponseEntity<String> answer = problem(HttpStatus.TOO_MANY_REQUESTS, quota.code(), xml, List.of(), locale,
                quota.limit(), seconds);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(answer.getBody());
    }

    ResponseEntity<String> problem(HttpStatus status, String code, boolean xml, List<ApiError> errors, Locale locale,
            Object... args) {
        String title = text("gateway.api.problem." + code + ".title", locale);
        String detail = text("gateway.api.problem." + code + ".detail", locale, args);
        Map<String, Object> problem = Answers.problem(status.value(), title, detail, errors);
        problem.put("code", code);
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(xml ? Answers.PROBLEM_XML : Answers.PROBLEM_JSON))
                .body(xml ? Answers.xmlProblem(problem) : Answers.json(problem));
    }

    private String explain(Violation violation, Locale locale) {
        if (violation.code().equals("schema")) {
            // The XML validator's own sentence: it names the element and the broken facet exactly.
            return text("gateway.api.error.schema", locale, violation.args());
        }
        return text("gateway.api.error." + violation.code(), locale, violation.args());
    }

    private String text(String key, Locale locale, Object... args) {
        try {
            return messages.getMessage(key, args, locale);
        } catch (NoSuchMessageException missing) {
            return key;
        }
    }
}
