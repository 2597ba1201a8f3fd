package ru.gospochta.gateway.internal.security;

import java.net.URI;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import ru.gospochta.gateway.internal.ClientSecrets;
import ru.gospochta.gateway.internal.GatewayProperties;
import ru.gospochta.platform.PlatformProperties;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The token issuer (Spring Authorization Server) for agency systems: client credentials only, at
 * {@code POST /oauth2/token}, with the public keys of the {@link TokenKeyRing} at
 * {@code GET /oauth2/jwks}. The chain takes only those two addresses; the server's other endpoints
 * (authorization code, introspection, revocation, metadata) are not offered, as no client may use them.
 */
@Configuration(proxyBeanMethods = false)
class TokenIssuerConfiguration {

    static final String TOKEN_ENDPOINT = "/oauth2/token";
    static final String JWK_SET_ENDPOINT = "/oauth2/jwks";

    @Bean
    AuthorizationServerSettings authorizationServerSettings(GatewayProperties gateway, PlatformProperties platform) {
        URI issuer = gateway.issuer() != null ? gateway.issuer() : platform.publicUrl();
        return AuthorizationServerSettings.builder()
                .issuer(issuer.toString().replaceAll("/+$", ""))
                .tokenEndpoint(TOKEN_ENDPOINT)
                .jwkSetEndpoint(JWK_SET_ENDPOINT)
                .build();
    }

    /** The ring's keys in force: the issuer signs with the one the token header names, the API verifies with any. */
    @Bean
    JWKSource<SecurityContext> gatewayJwkSource(TokenKeyRing ring) {
        return (selector, context) -> ring.select(selector);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> gatewayTokenClaims(TokenKeyRing ring) {
        return new TokenClaims(ring);
    }

    @Bean
    @Order(2)
    SecurityFilterChain tokenIssuer(HttpSecurity http, CredentialClients clients, ClientSecrets secrets,
            GatewayAuthEvents events) throws Exception {
        events.attachTo(http);
        http.securityMatcher(new OrRequestMatcher(pathPattern(HttpMethod.POST, TOKEN_ENDPOINT),
                        pathPattern(HttpMethod.GET, JWK_SET_ENDPOINT)))
                .oauth2AuthorizationServer(server -> server
                        .registeredClientRepository(clients)
                        .authorizationService(new NoStoredAuthorizations())
                        .clientAuthentication(client -> client.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof ClientSecretAuthenticationProvider secret) {
                                secret.setPasswordEncoder(secrets.encoder());
                            }
                        })))
                        .tokenEndpoint(token -> token.accessTokenRequestConverters(converters -> converters.replaceAll(
                                c -> c instanceof OAuth2ClientCredentialsAuthenticationConverter ? new AllScopesByDefault(c) : c))))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
