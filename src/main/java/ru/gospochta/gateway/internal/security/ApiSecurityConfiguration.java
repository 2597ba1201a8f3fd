package ru.gospochta.gateway.internal.security;

import java.util.Arrays;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import ru.gospochta.gateway.internal.ActiveCredentials;
import ru.gospochta.gateway.internal.Scope;

/**
 * The agency API under {@code /api/**} as an OAuth 2.0 resource server: a bearer JWT from our
 * own issuer on every call, no session, no CSRF (there is no cookie to ride on). Reading needs
 * {@code messages:read}, every other method {@code messages:send}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** RFC 9728: where a client learns which issuer and scopes this API takes; named in every 401 challenge. */
    static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

    /**
     * Checks signature (by any key of the ring in force, so tokens signed before a rotation stay
     * good), expiry, issuer, and that the credential has not been revoked since.
     */
    @Bean
    JwtDecoder gatewayJwtDecoder(JWKSource<SecurityContext> gatewayJwkSource, AuthorizationServerSettings settings,
            ActiveCredentials active) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(gatewayJwkSource)
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.getIssuer()), new ActiveCredentialValidator(active)));
        return decoder;
    }

    @Bean
    @Order(3)
    SecurityFilterChain agencyApi(HttpSecurity http, JwtDecoder decoder, ApiProblems problems, GatewayAuthEvents events,
            AuthorizationServerSettings issuer) throws Exception {
        events.attachTo(http);
        http.securityMatcher("/api/**", RESOURCE_METADATA, RESOURCE_METADATA + "/**")
                .authorizeHttpRequests(auth -> auth
                        .withObjectPostProcessor(new ObjectPostProcessor<AuthorizationFilter>() {
                            @Override
                            public <O extends AuthorizationFilter> O postProcess(O filter) {
                                filter.setAuthorizationEventPublisher(events.authorizationEvents());
                                return filter;
                            }
                        })
                        .requestMatchers(RESOURCE_METADATA, RESOURCE_METADATA + "/**").permitAll()
                        // The XSD is part of the published contract, like the OpenAPI document.
                        .requestMatchers(HttpMethod.GET, "/api/v1/schema/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAuthority(Scope.MESSAGES_READ.authority())
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAuthority(Scope.MESSAGES_READ.authority())
                        .anyRequest().hasAuthority(Scope.MESSAGES_SEND.authority()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder))
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(about -> about
                                .authorizationServer(issuer.getIssuer())
                                .scopes(scopes -> Arrays.stream(Scope.values()).map(Scope::value).forEach(scopes::add))
                                .resourceName("Gospochta agency API")))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY)));
        return http.build();
    }
}
