package ru.gospochta.identity.internal.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions end after 30 idle minutes (server.servlet.session.timeout) and, whatever the activity,
 * 12 hours after they began: a session taken over cannot be kept alive forever.
 */
@Configuration(proxyBeanMethods = false)
class SessionLifetime {

    static final Duration ABSOLUTE = Duration.ofHours(12);

    @Bean
    FilterRegistrationBean<AbsoluteTimeout> absoluteSessionTimeout(Clock clock) {
        FilterRegistrationBean<AbsoluteTimeout> registration = new FilterRegistrationBean<>(new AbsoluteTimeout(clock));
        // After the session repository filter, before Spring Security reads the session.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    static final class AbsoluteTimeout extends OncePerRequestFilter {

        private final Clock clock;

        AbsoluteTimeout(Clock clock) {
            this.clock = clock;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            HttpSession session = request.getSession(false);
            if (session != null && clock.millis() - session.getCreationTime() > ABSOLUTE.toMillis()) {
                session.invalidate();
            }
            chain.doFilter(request, response);
        }
    }
}
