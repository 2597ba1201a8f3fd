package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

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

/** The token issuer for agency systems: OAuth 2.0 client credentials at /oauth2/token (GW-1). */
@IntegrationTest
class TokenEndpointTests {

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired JdbcClient db;

    @Test
    @DisplayName("GW-1: client credentials with the secret in HTTP Basic give a signed bearer JWT of about ten minutes")
    void tokenBySecretInBasicHeader() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String clientId = key.credential().credential().clientId();

        HttpResponse<String> response = new TokenClient(port).tokenByBasic(clientId, key.secret());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        JsonNode body = TokenClient.json(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(590L, 600L);
        assertThat(body.get("scope").asString().split(" ")).containsExactlyInAnyOrder("messages:send", "messages:read");
        assertThat(body.has("refresh_token")).isFalse();
        JsonNode claims = TokenClient.claims(body.get("access_token").asString());
        assertThat(claims.get("sub").asString()).isEqualTo(clientId);
        assertThat(claims.get("iss").asString()).isEqualTo("http://localhost:8080");
        assertThat(claims.get("gospochta_env").asString()).isEqualTo("live");
        assertThat(claims.get("agency_id").asString()).isEqualTo(key.credential().agency().id().toString());
        assertThat(claims.get("system_id").asString()).isEqualTo(key.credential().system().id().toString());
        assertThat(claims.get("exp").asLong() - Instant.now().getEpochSecond()).isBetween(580L, 600L);
    }

    @Test
    @DisplayName("GW-1: client credentials with the secret in the form body (client_secret_post) work too, and a narrower scope is granted as asked")
    void tokenBySecretInBody() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);

        HttpResponse<String> response = new TokenClient(port).tokenByPost(key.credential().credential().clientId(),
                key.secret(), "scope", "messages:read");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TokenClient.json(response).get("scope").asString()).isEqualTo("messages:read");
    }

    @Test
    @DisplayName("GW-1, SEC-4: a wrong secret gets 401 with the OAuth error invalid_client, journalled with the client id and address")
    void wrongSecretRefused() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String clientId = key.credential().credential().clientId();
        long before = GatewayFixtures.lastAuditSeq(db);

        HttpResponse<String> basic = new TokenClient(port).tokenByBasic(clientId, key.secret() + "x");
        HttpResponse<String> post = new TokenClient(port).tokenByPost(clientId, "wrong");

        for (HttpResponse<String> response : List.of(basic, post)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(TokenClient.json(response).get("error").asString()).isEqualTo("invalid_client");
            assertThat(response.body()).doesNotContain(key.secret());
        }
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.token.refused")).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("agency-client:" + clientId);
            assertThat(entry.outcome()).isEqualTo("FAILURE");
            assertThat(entry.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(entry.details()).contains("invalid_client").contains("active").doesNotContain(key.secret());
        });
        assertThat(GatewayFixtures.auditAfter(db, before, "staff.sign-in")).isEmpty();
    }

    @Test
    @DisplayName("GW-1: an unknown client id, or none at all, gets 401")
    void unknownClientRefused() {
        TokenClient client = new TokenClient(port);

        HttpResponse<String> unknown = client.tokenByBasic("gw-nosuchclient", "whatever");
        HttpResponse<String> anonymous = client.get("/oauth2/token");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(TokenClient.json(unknown).get("error").asString()).isEqualTo("invalid_client");
        assertThat(anonymous.statusCode()).isIn(401, 404);
    }

    @Test
    @DisplayName("GW-1: a scope the key does not hold is refused with invalid_scope")
    void foreignScopeRefused() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE, Scope.MESSAGES_READ);

        HttpResponse<String> response = new TokenClient(port).tokenByBasic(key.credential().credential().clientId(),
                key.secret(), "scope", "messages:send");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TokenClient.json(response).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    @DisplayName("GW-1: only client credentials are granted: another grant type is refused")
    void otherGrantsRefused() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);

        HttpResponse<String> response = new TokenClient(port).tokenByPost(key.credential().credential().clientId(),
                key.secret(), "grant_type", "password", "username", "x", "password", "y");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TokenClient.json(response).get("error").asString()).isIn("unsupported_grant_type", "unauthorized_client");
    }

    @Test
    @DisplayName("GW-1, SEC-4: a revoked key gets no token, and the refusal is journalled as denied")
    void revokedKeyGetsNoToken() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
        String clientId = key.credential().credential().clientId();
        issuing.revoke(key.credential().agency().id(), key.credential().credential().id(), GatewayFixtures.ACTOR, null);
        long before = GatewayFixtures.lastAuditSeq(db);

        HttpResponse<String> response = new TokenClient(port).tokenByBasic(clientId, key.secret());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TokenClient.json(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.token.refused")).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("DENIED");
            assertThat(entry.details()).contains("revoked");
        });
    }

    @Test
    @DisplayName("GW-1, SEC-4: every token issued is journalled with the client, scopes and address, never the token")
    void issuedTokensAudited() {
        CredentialIssuing.Issued key = GatewayFixtures.key(registry, issuing, CredentialKind.TEST);
        String clientId = key.credential().credential().clientId();
        long before = GatewayFixtures.lastAuditSeq(db);

        String token = new TokenClient(port).token(clientId, key.secret());

        assertThat(GatewayFixtures.auditAfter(db, before, "gateway.token.issued")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("agency-client:" + clientId);
            assertThat(entry.target()).isEqualTo("credential:" + key.credential().credential().id());
            assertThat(entry.outcome()).isEqualTo("SUCCESS");
            assertThat(entry.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(entry.details()).contains("messages:read messages:send")
                    .doesNotContain(token.substring(token.length() - 20)).doesNotContain(key.secret());
        });
        assertThat(GatewayFixtures.auditAfter(db, before, "staff.sign-in")).isEmpty();
    }

    @Test
    @DisplayName("GW-1: the public signing key is published at /oauth2/jwks, without its private part")
    void publicKeyPublished() {
        HttpResponse<String> response = new TokenClient(port).get("/oauth2/jwks");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode key = TokenClient.json(response).get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }
}
