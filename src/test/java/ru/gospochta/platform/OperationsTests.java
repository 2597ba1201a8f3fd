package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import ru.gospochta.IntegrationTest;
import ru.gospochta.WebClient;

@IntegrationTest
class OperationsTests {

    @LocalServerPort int port;
    @Autowired Environment environment;
    @Autowired ApplicationContext context;

    @Test
    @DisplayName("Runtime shapes: liveness and readiness probes are UP and readiness includes the database")
    void probes() {
        WebClient client = new WebClient(port);
        assertThat(client.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readiness = client.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).contains("db");
    }

    @Test
    @DisplayName("Runtime shapes: Prometheus metrics are served with the application tag")
    void prometheus() {
        HttpResponse<String> metrics = new WebClient(port).get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("application=\"gospochta\"");
    }

    @Test
    @DisplayName("SEC-3: other actuator endpoints need a staff account")
    void otherEndpointsAreClosed() {
        assertThat(new WebClient(port).get("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(new WebClient(port).get("/actuator/auditchain").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("Runtime shapes: shutdown is graceful")
    void gracefulShutdown() {
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
    }
}
