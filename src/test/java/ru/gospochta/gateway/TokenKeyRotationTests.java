package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import ru.gospochta.MutableClock;
import ru.gospochta.TestStaff;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.identity.IdentityTest;

/**
 * Rotation of the token signing key (GW-1) over real HTTP: {@code /actuator/tokenkeys}, the token
 * endpoint, the JWK set and the API. A server of its own, with a retention of an hour, since the
 * test moves the clock past it.
 */
@IdentityTest
@TestPropertySource(properties = "gospochta.gateway.signing-key-retention=1h")
class TokenKeyRotationTests {

    static final String WHOAMI = "/api/v1/whoami";

    @LocalServerPort int port;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @Autowired MutableClock clock;

    TokenClient client;
    CredentialIssuing.Issued key;

    @BeforeEach
    void setUp() {
        TestStaff.ensureAdmin(db, passwords);
        client = new TokenClient(port);
        key = GatewayFixtures.key(registry, issuing, CredentialKind.LIVE);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    String token() {
        return client.token(key.credential().credential().clientId(), key.secret());
    }

    static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return TokenClient.JSON.readTree(header).get("kid").asString();
    }

    List<String> published() {
        HttpResponse<String> jwks = client.get("/oauth2/jwks");
        assertThat(jwks.statusCode()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        TokenClient.json(jwks).get("keys").forEach(k -> {
            assertThat(k.has("d")).isFalse();
            kids.add(k.get("kid").asString());
        });
        return kids;
    }

    HttpResponse<String> endpoint(String method, @Nullable String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/tokenkeys"));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode rotate() throws Exception {
        HttpResponse<String> rotated = endpoint("POST", TestStaff.ADMIN + ":" + TestStaff.PASSWORD);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        return TokenClient.json(rotated);
    }

    @Test
    @DisplayName("GW-1: after a rotation new tokens carry the new key id and verify, tokens signed before still do, the JWK set lists both; audited")
    void rotation() throws Exception {
        String before = token();
        String oldKid = kid(before);
        JsonNode status = TokenClient.json(endpoint("GET", TestStaff.ADMIN + ":" + TestStaff.PASSWORD));
        assertThat(status.get("keys").get(0).get("kid").asString()).isEqualTo(oldKid);
        assertThat(status.get("keys").get(0).get("current").asBoolean()).isTrue();
        assertThat(endpoint("POST", null).statusCode()).isEqualTo(401);
        long seq = GatewayFixtures.lastAuditSeq(db);

        JsonNode rotation = rotate();
        String after = token();

        String newKid = rotation.get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotation.get("previousKid").asString()).isEqualTo(oldKid);
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(client.getWith(after, WHOAMI).statusCode()).isEqualTo(200);
        assertThat(client.getWith(before, WHOAMI).statusCode()).isEqualTo(200);
        assertThat(published()).contains(oldKid, newKid);
        JsonNode keys = TokenClient.json(endpoint("GET", TestStaff.ADMIN + ":" + TestStaff.PASSWORD)).get("keys");
        assertThat(keys.get(0).get("kid").asString()).isEqualTo(newKid);
        assertThat(keys.get(1).get("kid").asString()).isEqualTo(oldKid);
        assertThat(keys.get(1).path("verifiesUntil").asString()).isNotBlank();
        assertThat(GatewayFixtures.auditAfter(db, seq, "gateway.token-key.rotate")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("staff:" + TestStaff.ADMIN);
            assertThat(entry.target()).isEqualTo("token-key:" + newKid);
            assertThat(entry.outcome()).isEqualTo("SUCCESS");
            assertThat(entry.details()).contains(oldKid);
        });
    }

    @Test
    @DisplayName("GW-1: past the retention the replaced key leaves the JWK set and its tokens are refused; the new key's go on")
    void retention() throws Exception {
        String before = token();
        String oldKid = kid(before);
        rotate();
        String after = token();

        clock.advance(Duration.ofMinutes(61));

        assertThat(published()).doesNotContain(oldKid).contains(kid(after));
        HttpResponse<String> refused = client.getWith(before, WHOAMI);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TokenClient.json(refused).get("code").asString()).isEqualTo("token-invalid");
        assertThat(client.getWith(after, WHOAMI).statusCode()).isEqualTo(200);
    }
}
