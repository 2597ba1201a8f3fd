package ru.gospochta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import ru.gospochta.IntegrationTest;
import ru.gospochta.platform.DataDirectory;

/** Demo mode seeds an agency with a live key, printed with the other demo sign-ins (GW-1). */
@IntegrationTest
@TestPropertySource(properties = "gospochta.demo=true")
class GatewayDemoTests {

    @Autowired DataDirectory dataDirectory;
    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    @DisplayName("GW-1, Runtime shapes: the demo agency key from demo-credentials.json gets a token and whoami answers the Federal Tax Service")
    void demoKeyWorks() throws Exception {
        JsonNode demo = GatewayFixtures.demoClient(dataDirectory);
        TokenClient client = new TokenClient(port);

        String token = client.token(demo.get("login").asString(), demo.get("secret").asString());
        HttpResponse<String> whoami = client.getWith(token, "/api/v1/whoami");

        assertThat(demo.get("where").asString()).contains("/oauth2/token");
        assertThat(whoami.statusCode()).isEqualTo(200);
        JsonNode me = TokenClient.json(whoami);
        assertThat(me.get("agency").get("name").asString()).isEqualTo("Федеральная налоговая служба");
        assertThat(me.get("agency").get("ogrn").asString()).isEqualTo("1047707030513");
        assertThat(me.get("kind").asString()).isEqualTo("live");

        context.getBean("demoSeed", ApplicationRunner.class).run(new DefaultApplicationArguments());

        assertThat(GatewayFixtures.demoClient(dataDirectory).get("secret").asString()).isEqualTo(demo.get("secret").asString());
        assertThat(client.getWith(client.token(demo.get("login").asString(), demo.get("secret").asString()),
                "/api/v1/whoami").statusCode()).isEqualTo(200);
    }
}
