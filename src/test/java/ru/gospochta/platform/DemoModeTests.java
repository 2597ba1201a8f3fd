package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;

@IntegrationTest
@TestPropertySource(properties = "gospochta.demo=true")
class DemoModeTests {

    @Autowired DataDirectory dataDirectory;
    @Autowired ApplicationContext context;
    @Autowired JsonMapper json;
    @LocalServerPort int port;

    @Test
    @DisplayName("Runtime shapes: demo mode writes the demo administrator to demo-credentials.json (owner-only) and the credentials sign in")
    void demoAdministratorSignsIn() throws Exception {
        Path file = dataDirectory.root().resolve("demo-credentials.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode admin = administrator(file);
        assertThat(admin.get("where").asString()).isEqualTo("/admin");

        WebClient browser = new WebClient(port);
        assertThat(browser.signIn(admin.get("login").asString(), admin.get("secret").asString())
                .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin"));
        assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
        assertThat(new WebClient(port).signIn(admin.get("login").asString(), "wrong")
                .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login?error"));
    }

    @Test
    @DisplayName("Runtime shapes: seeding again (a restart in demo mode) keeps the same demo secrets")
    void reseedKeepsSecrets() throws Exception {
        Path file = dataDirectory.root().resolve("demo-credentials.json");
        String before = administrator(file).get("secret").asString();

        context.getBean("demoSeed", ApplicationRunner.class).run(new DefaultApplicationArguments());

        assertThat(administrator(file).get("secret").asString()).isEqualTo(before);
        assertThat(new WebClient(port).signIn("admin", before).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/admin"));
    }

    private JsonNode administrator(Path file) {
        for (JsonNode credential : json.readTree(file.toFile()).get("credentials")) {
            if (credential.get("role").asString().equals("administrator")) {
                return credential;
            }
        }
        throw new AssertionError("no administrator in " + file);
    }
}
