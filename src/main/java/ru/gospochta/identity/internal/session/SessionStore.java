package ru.gospochta.identity.internal.session;

import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session JDBC writes a new session attribute with a plain INSERT. Two requests of one
 * session that run at once — an open mailbox's event stream and a page load, or two tabs — each see
 * the attribute as new (a CSRF token, a saved request) and the second INSERT fails on the primary
 * key, turning the citizen's page into a server error. PostgreSQL's upsert makes the later write win,
 * as it would for an attribute both requests had changed.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    static final String CREATE_ATTRIBUTE = """
            INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            VALUES (?, ?, ?)
            ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
            """;

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> concurrentAttributeWrites() {
        return repository -> repository.setCreateSessionAttributeQuery(CREATE_ATTRIBUTE);
    }
}
