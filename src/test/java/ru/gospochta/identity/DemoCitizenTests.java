package ru.gospochta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;
import ru.gospochta.platform.DataDirectory;

@IntegrationTest
@TestPropertySource(properties = "gospochta.demo=true")
class DemoCitizenTests {

    @Autowired DataDirectory dataDirectory;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    @Test
    @DisplayName("ACC-3: the demo citizen signs in with the printed password and a code from the printed TOTP secret; a support operator is seeded too")
    void demoCitizenSignsInWithTotp() {
        Limits.reset(db);
        Map<String, JsonNode> byRole = new HashMap<>();
        for (JsonNode c : json.readTree(dataDirectory.root().resolve("demo-credentials.json").toFile()).get("credentials")) {
            byRole.put(c.get("role").asString(), c);
        }
        assertThat(byRole).containsKeys("administrator", "support-operator", "citizen", "citizen-totp");

        WebClient browser = new WebClient(port);
        String page = browser.get("/login").body();
        browser.postForm("/login", Map.of("identifier", "112-233-445 95",
                "password", byRole.get("citizen").get("secret").asString(), "_csrf", WebClient.csrfToken(page)));
        String factor = browser.get("/login/second-factor").body();
        assertThat(factor).contains("приложения-аутентификатора");

        TotpSecret secret = TotpSecret.fromBase32(byRole.get("citizen-totp").get("secret").asString());
        String code = new Totp(Clock.systemUTC()).codeAt(secret, Instant.now());
        browser.postForm("/login/second-factor", Map.of("method", "TOTP", "code", code, "_csrf", WebClient.csrfToken(factor)));

        assertThat(browser.get("/cabinet").body()).contains("Иван");
        assertThat(new WebClient(port).signIn("support", byRole.get("support-operator").get("secret").asString())
                .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin"));
    }
}
