package ru.gospochta.shell.internal;

import java.util.Arrays;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter.HeaderValue;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains: the actuator (HTTP Basic for staff, health and metrics open to probes and
 * scrapers) and every page. Pages are closed unless listed here; CSRF is on everywhere a
 * browser posts, save the one-click unsubscribe that mail clients post to; the CSP allows no
 * inline script, so every script ships as a file from the jar.
 * A refused request ends on the error pages: 403 for a missing CSRF token or right, and for an
 * anonymous visitor outside the staff area a 404, so a mistyped address does not land a citizen
 * on the staff sign-in and closed addresses look like absent ones.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-src 'self'; frame-ancestors 'none'";

    /** The citizen's personal account: reached after signing in at /login. */
    static final String[] CITIZEN_AREAS = {"/cabinet", "/cabinet/**", "/security", "/security/**",
            "/identity-confirmation", "/identity-confirmation/**"};

    /** The target of the List-Unsubscribe header of letters: public, and posted to without a CSRF token. */
    static final String ONE_CLICK_UNSUBSCRIBE = "/notifications/unsubscribe";

    /**
     * Spring Security would observe each filter of the chain and each authorization decision apart,
     * a dozen observations for every page — a measurable part of a page's CPU. The request as a whole
     * is observed anyway (http.server.requests); sign-ins still are.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).shouldObserveAuthorizations(false)
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus", "info")).permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/", "/error", "/favicon.ico", "/robots.txt", "/push-sw.js").permitAll()
                        .requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**").permitAll()
                        .requestMatchers("/admin/login").permitAll()
                        // The agency API's OpenAPI document is public, like any published contract.
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/login", "/login/**", "/register", "/register/**", "/recover", "/recover/**",
                                "/contacts/not-me", "/check-letter", ONE_CLICK_UNSUBSCRIBE)
                        .permitAll()
                        .requestMatchers(CITIZEN_AREAS).hasRole("CITIZEN")
                        .requestMatchers("/admin/identity-documents", "/admin/identity-documents/**")
                        .hasAnyRole("SUPPORT_OPERATOR", "ADMIN")
                        .requestMatchers("/admin").hasAnyRole("ADMIN", "SUPPORT_OPERATOR", "SECURITY_OFFICER")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/admin/login")
                        .defaultSuccessUrl("/admin", false)
                        .permitAll())
                // Mail clients post the one-click unsubscribe (RFC 8058) with no token and no cookies;
                // the link's own signature is what proves it. Every other post keeps CSRF.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.pathPattern(HttpMethod.POST, ONE_CLICK_UNSUBSCRIBE)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signInOrNotFound()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter(SecurityConfiguration::denyFramingUnlessChosen)
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .xssProtection(xss -> xss.headerValue(HeaderValue.DISABLED))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()"))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
        return http.build();
    }

    /**
     * Pages may not be framed. Header writers run when the response commits, so a response that
     * chose its own X-Frame-Options (a sandboxed document meant for a same-origin frame) keeps it.
     */
    private static void denyFramingUnlessChosen(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader("X-Frame-Options")) {
            response.setHeader("X-Frame-Options", "DENY");
        }
    }

    private static RequestMatcher citizenAreas() {
        return new OrRequestMatcher(Arrays.stream(CITIZEN_AREAS)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern)).toList());
    }

    private static AuthenticationEntryPoint signInOrNotFound() {
        return DelegatingAuthenticationEntryPoint.builder()
                .addEntryPointFor(new LoginUrlAuthenticationEntryPoint("/admin/login"),
                        PathPatternRequestMatcher.pathPattern("/admin/**"))
                .addEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), citizenAreas())
                .defaultEntryPoint((request, response, refused) -> response.sendError(HttpServletResponse.SC_NOT_FOUND))
                .build();
    }
}
