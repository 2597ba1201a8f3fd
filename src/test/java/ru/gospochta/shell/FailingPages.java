package ru.gospochta.shell;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that fail on purpose, so the tests can meet a server error and a bad request the
 * way a visitor would. They live only in tests, open to anonymous visitors under their own
 * filter chain, because the real chain answers unknown anonymous addresses with 404.
 */
@TestConfiguration(proxyBeanMethods = false)
class FailingPages {

    /** Carried by the thrown exception; no page may ever show it. */
    static final String SECRET_DETAIL = "internal-detail-7f3a-must-stay-hidden";

    static final String SERVER_ERROR = "/shell-test/server-error";
    static final String NEEDS_NUMBER = "/shell-test/needs-number";
    static final String POST_ONLY = "/shell-test/post-only";

    @Bean
    @Order(5)
    SecurityFilterChain failingPagesChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/shell-test/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    /** Registered as a member class of this configuration; component scanning skips both. */
    @RestController
    static class Endpoints {

        @GetMapping(SERVER_ERROR)
        String serverError() {
            throw new IllegalStateException(SECRET_DETAIL);
        }

        @GetMapping(NEEDS_NUMBER)
        String needsNumber(@RequestParam int number) {
            return "number " + number;
        }

        @PostMapping(POST_ONLY)
        String postOnly() {
            return "posted";
        }
    }
}
