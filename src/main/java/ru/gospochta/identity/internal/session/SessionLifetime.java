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

import ru.gospochta.identity.IdentityProperties;

/**
 * Sessions end after 30 idle minutes (server.servlet.session.timeout) and, whatever the activity,
 * 12 hours after they began: a session taken over cannot be kept alive forever.
 */
@Configuration(proxyBeanMethods = false)
class SessionLifetime {

    @Bean
    FilterRegistrationBean<AbsoluteTimeout> absoluteSessionTimeout(Clock clock, IdentityProperties properties) {
        FilterRegistrationBean<AbsoluteTimeout> registration = new FilterRegistrationBean<>(
                new AbsoluteTimeout(clock, properties.signIn().sessionLifetime()));
        // After the session repository filter, before Spring Security reads the session.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    static final class AbsoluteTimeout extends OncePerRequestFilter {

        private final Clock clock;
        private final Duration lifetime;

        AbsoluteTimeout(Clock clock, Duration lifetime) {
            this.clock = clock;
            this.lifetime = lifetime;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            HttpSession session = request.getSession(false);
            if (session != null && clock.millis() - session.getCreationTime() > lifetime.toMillis()) {
                session.invalidate();
            }
            chain.doFilter(request, response);
        }
    }
}
