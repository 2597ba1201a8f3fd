package ru.gospochta.gateway.internal.messages;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requests a second per system (GW-5) on every message and event call, told in the RateLimit
 * headers of the IETF draft on every answer, and refused with 429 and Retry-After when the bucket
 * is empty.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final ApiLimits limits;
    private final ApiErrors errors;

    RateLimitInterceptor(ApiLimits limits, ApiErrors errors) {
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/messages", "/api/v1/messages/**", "/api/v1/events",
                "/api/v1/events/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)) {
            return true;
        }
        ApiLimits.Decision decision = limits.tryRequest(ApiCallers.systemOf(token));
        long reset = Math.max(1, (decision.reset().toMillis() + 999) / 1000);
        response.setHeader("RateLimit-Policy", decision.limit() + ";w=1");
        response.setHeader("RateLimit", "limit=" + decision.limit() + ", remaining=" + decision.remaining() + ", reset=" + reset);
        response.setHeader("RateLimit-Limit", Integer.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(reset));
        if (decision.allowed()) {
            return true;
        }
        boolean xml = MessagesApi.wantsXml(request.getHeader("Accept"))
                || (request.getContentType() != null && request.getContentType().contains("xml"));
        var refusal = errors.tooMany(new QuotaExceeded("rate-limit", decision.limit(), decision.reset()), xml,
                ApiErrors.locale(request));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        response.getWriter().write(refusal.getBody());
        return false;
    }
}
