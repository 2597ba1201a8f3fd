package ru.gospochta.gateway.internal.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's refusals as RFC 9457 problem details: 401 without a usable token, 403 when the token
 * lacks the scope. The {@code WWW-Authenticate} header says the same in RFC 6750's terms, for
 * OAuth clients that read only that; {@code code} is stable for programs, {@code detail} is for
 * the people integrating, in their language (Russian unless they ask for English).
 */
@Component
class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    ApiProblems(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        String code = !(failure instanceof OAuth2AuthenticationException) ? "token-missing"
                : revoked(failure) ? "credential-revoked" : "token-invalid";
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, code);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
            throws IOException {
        denied.handle(request, response, refusal);
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "scope-missing");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", messages.getMessage("gateway.api.problem.title." + status, null, locale));
        problem.put("status", status);
        problem.put("detail", messages.getMessage("gateway.api.problem." + code, null, locale));
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.setStatus(status);
        response.setContentType(PROBLEM.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean revoked(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream().anyMatch(e -> ActiveCredentialValidator.REVOKED.equals(e.getDescription()));
            }
        }
        return false;
    }
}
