package ru.gospochta.identity.internal.session;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The JDBC session store, adjusted. A session's last use is written at most once a minute rather
 * than on every request, and a request reads its session once ({@link QuietSessionRepository}).
 * <p>
 * Spring Session JDBC writes a new session attribute with a plain INSERT. Two requests of one
 * session that run at once — an open mailbox's event stream and a page load, or two tabs — each see
 * the attribute as new (a CSRF token, a saved request) and the second INSERT fails on the primary
 * key, turning the citizen's page into a server error. PostgreSQL's upsert makes the later write win,
 * as it would for an attribute both requests had changed.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    /** How far a session's last use may lag behind its last request (see {@link QuietSessionRepository}). */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    static final String CREATE_ATTRIBUTE = """
            INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            VALUES (?, ?, ?)
            ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
            """;

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> concurrentAttributeWrites() {
        return repository -> repository.setCreateSessionAttributeQuery(CREATE_ATTRIBUTE);
    }

    /**
     * Puts {@link QuietSessionRepository} in front of the JDBC store Spring Boot configures, so the
     * session filter and everyone else asking for a session repository get it. The store itself stays
     * the bean Spring initialises and destroys (its cleanup job with it).
     */
    @Bean
    static BeanPostProcessor quietSessions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository store ? quiet(store) : bean;
            }
        };
    }

    /** Lets each request read its session once (see {@link QuietSessionRepository}); just outside Spring Session's filter. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionReadOncePerRequest(SessionRepository<?> sessions) {
        QuietSessionRepository<?> quiet = (QuietSessionRepository<?>) sessions;
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                quiet.withinRequest(() -> chain.doFilter(request, response));
            }
        });
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    private static <S extends Session> QuietSessionRepository<S> quiet(FindByIndexNameSessionRepository<S> store) {
        return new QuietSessionRepository<>(store, TOUCH_EVERY);
    }
}
