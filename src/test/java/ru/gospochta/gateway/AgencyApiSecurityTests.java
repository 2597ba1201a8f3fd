package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import ru.gospochta.IntegrationTest;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.Scope;

/** The agency API as a resource server: bearer JWTs, scopes, revocation, RFC 9457 refusals (GW-1). */
@IntegrationTest
class AgencyApiSecurityTests {

    static final String WHOAMI = "/api/v1/whoami";

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired JdbcClient db;

    @Test
    @DisplayName("GW-1: a token calls /api/v1/whoami and learns its agency, system, kind and scopes")
    void whoamiTellsTheCaller() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        TokenClient client = new TokenClient(port);
        String token = client.token(key.credential().credential().clientId(), key.secret());

        HttpResponse<String> response = client.getWith(token, WHOAMI);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
        JsonNode me = TokenClient.json(response);
        assertThat(me.get("clientId").asString()).isEqualTo(key.credential().credential().clientId());
        assertThat(me.get("agency").get("id").asString()).isEqualTo(key.credential().agency().id().toString());
        assertThat(me.get("agency").get("shortName").asString()).isEqualTo(key.credential().agency().shortName());
        assertThat(me.get("system").get("name").asString()).isEqualTo("Система приёма");
        assertThat(me.get("kind").asString()).isEqualTo("live");
        assertThat(me.get("scopes").valueStream().map(JsonNode::asString)).containsExactly("messages:read", "messages:send");
    }

    @Test
    @DisplayName("GW-1: a test key's token carries gospochta_env=test, and whoami says kind test")
    void testKindTravelsInTheToken() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.TEST);
        TokenClient client = new TokenClient(port);
        String token = client.token(key.credential().credential().clientId(), key.secret());

        assertThat(TokenClient.claims(token).get("gospochta_env").asString()).isEqualTo("test");
        assertThat(TokenClient.json(client.getWith(token, WHOAMI)).get("kind").asString()).isEqualTo("test");
    }

    @Test
    @DisplayName("GW-1: the API without a token answers 401 problem JSON with a Bearer challenge, in Russian by default")
    void noTokenIsProblem401() {
        HttpResponse<String> response = new TokenClient(port).get(WHOAMI);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        JsonNode problem = TokenClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("code").asString()).isEqualTo("token-missing");
        assertThat(problem.get("instance").asString()).isEqualTo(WHOAMI);
        assertThat(problem.get("title").asString()).isEqualTo("Требуется авторизация");
        assertThat(problem.get("detail").asString()).contains("/oauth2/token");
    }

    @Test
    @DisplayName("GW-1: the 401 challenge points at the API's protected-resource metadata, which names the issuer and scopes")
    void protectedResourceMetadata() {
        TokenClient client = new TokenClient(port);
        String challenge = client.get(WHOAMI).headers().firstValue("WWW-Authenticate").orElseThrow();
        String path = challenge.replaceAll(".*resource_metadata=\"https?://[^/]+([^\"]+)\".*", "$1");

        HttpResponse<String> response = client.get(path);

        assertThat(path).startsWith("/.well-known/oauth-protected-resource");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = TokenClient.json(response);
        assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo("http://localhost:8080");
        assertThat(metadata.get("scopes_supported").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("messages:send", "messages:read");
    }

    @Test
    @DisplayName("GW-1: problem details are in English when the client asks for it")
    void problemInEnglish() {
        HttpResponse<String> response = new TokenClient(port).get(WHOAMI, "Accept-Language", "en");

        assertThat(TokenClient.json(response).get("title").asString()).isEqualTo("Authorisation required");
    }

    @Test
    @DisplayName("GW-1: a tampered or foreign token gets 401 problem JSON and the error invalid_token")
    void tamperedTokenRefused() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        TokenClient client = new TokenClient(port);
        String token = client.token(key.credential().credential().clientId(), key.secret());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        long before = GatewayFixtures.lastAuditSeq(db);

        for (String bad : new String[] {forged, "not-a-jwt", parts[0] + "." + parts[1] + "."}) {
            HttpResponse<String> response = client.getWith(bad, WHOAMI);
            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
            assertThat(TokenClient.json(response).get("code").asString()).isEqualTo("token-invalid");
        }
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.api.refused")).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("anonymous");
            assertThat(entry.details()).contains("invalid-token").doesNotContain(parts[1]);
        });
        assertThat(GatewayFixtures.auditAfter(db, before, "staff.sign-in")).isEmpty();
    }

    @Test
    @DisplayName("GW-1: a token without messages:read is refused reading with 403 problem JSON naming the scope")
    void missingScopeIs403() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE, Scope.MESSAGES_SEND);
        TokenClient client = new TokenClient(port);
        String token = client.token(key.credential().credential().clientId(), key.secret());
        long before = GatewayFixtures.lastAuditSeq(db);

        HttpResponse<String> response = client.getWith(token, WHOAMI);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("insufficient_scope"));
        JsonNode problem = TokenClient.json(response);
        assertThat(problem.get("code").asString()).isEqualTo("scope-missing");
        assertThat(problem.get("detail").asString()).contains("messages:read");
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.api.refused")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("agency-client:" + key.credential().credential().clientId());
            assertThat(entry.outcome()).isEqualTo("DENIED");
            assertThat(entry.details()).contains("insufficient-scope");
        });
        assertThat(GatewayFixtures.auditAfter(db, before, "staff.access")).isEmpty();
    }

    @Test
    @DisplayName("GW-1: a token narrowed to messages:send at the token endpoint is refused reading, though the key could read")
    void narrowedTokenIs403() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        TokenClient client = new TokenClient(port);
        String token = client.token(key.credential().credential().clientId(), key.secret(), "scope", "messages:send");

        assertThat(client.getWith(token, WHOAMI).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("GW-1: writing needs messages:send; the API takes no cookie-based form posts (no CSRF token asked)")
    void writingNeedsSendScope() {
        CredentialIssuing.Issued reader = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE, Scope.MESSAGES_READ);
        CredentialIssuing.Issued sender = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE, Scope.MESSAGES_SEND);
        TokenClient client = new TokenClient(port);

        HttpResponse<String> byReader = client.postWith(client.token(reader.credential().credential().clientId(), reader.secret()),
                "/api/v1/whoami", "{}");
        HttpResponse<String> bySender = client.postWith(client.token(sender.credential().credential().clientId(), sender.secret()),
                "/api/v1/whoami", "{}");

        assertThat(byReader.statusCode()).isEqualTo(403);
        // Past security: the endpoint only reads, so MVC refuses the method itself.
        assertThat(bySender.statusCode()).isEqualTo(405);
    }

    @Test
    @DisplayName("GW-1, SEC-4: revoking a key refuses its tokens already issued, at once, and says why")
    void revokedKeysTokensRefused() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String clientId = key.credential().credential().clientId();
        TokenClient client = new TokenClient(port);
        String token = client.token(clientId, key.secret());
        assertThat(client.getWith(token, WHOAMI).statusCode()).isEqualTo(200);
        long before = GatewayFixtures.lastAuditSeq(db);

        issuing.revoke(key.credential().agency().id(), key.credential().credential().id(), GatewayFixtures.ACTOR, null);
        HttpResponse<String> response = client.getWith(token, WHOAMI);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TokenClient.json(response).get("code").asString()).isEqualTo("credential-revoked");
        assertThat(client.tokenByBasic(clientId, key.secret()).statusCode()).isEqualTo(401);
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.api.refused")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("agency-client:" + clientId);
            assertThat(entry.details()).contains("credential-revoked");
        });
    }
}
