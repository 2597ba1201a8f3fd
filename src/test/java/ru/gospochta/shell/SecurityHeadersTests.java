package ru.gospochta.shell;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ShellTest
@DisplayName("SEC-3 the HTTP security policy every page is served under")
class SecurityHeadersTests {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    @DisplayName("SEC-3 pages carry a CSP without inline script, frame denial and nosniff")
    void pagesCarryTheSecurityHeaders() {
        for (HttpResponse<String> page : List.of(http.page("/"), http.page("/no-such-page"))) {
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(directive(csp, "script-src")).contains("'self'")
                    .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*");
            assertThat(directive(csp, "style-src")).doesNotContain("'unsafe-inline'");
            assertThat(directive(csp, "frame-ancestors")).isEqualTo("frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    @DisplayName("SEC-3 HSTS is sent only over TLS, never on plain HTTP")
    void noHstsOnPlainHttp() {
        assertThat(http.page("/").headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    @DisplayName("SEC-3 a form posted without its CSRF token is refused with the 403 page, even a sign-in")
    void postWithoutCsrfTokenIsRefused() {
        HttpResponse<String> signIn = http.postForm("/admin/login", "username=admin&password=whatever");

        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(Http.heading(signIn)).isEqualTo("Доступ запрещён");
        assertThat(signIn.headers().firstValue("Location")).isEmpty();
    }

    @Test
    @DisplayName("SEC-3 /admin sends an anonymous visitor to the staff sign-in")
    void adminNeedsSignIn() {
        for (String path : new String[] {"/admin", "/admin/mail", "/admin/sms"}) {
            HttpResponse<String> response = http.page(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/admin/login"));
        }
    }

    @Test
    @DisplayName("SEC-3 outside the staff area a closed or unknown address is a plain 404, not the staff sign-in")
    void anonymousElsewhereGetsNotFound() {
        HttpResponse<String> response = http.page("/archive/messages/42");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> cabinet = http.page("/cabinet/messages/42");
        assertThat(cabinet.statusCode()).as("the citizen's own area asks to sign in").isEqualTo(302);
        assertThat(cabinet.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    @DisplayName("SEC-3 session ids never appear in links, only in the cookie")
    void noSessionIdInUrls() {
        assertThat(http.page("/").body()).doesNotContain(";jsessionid=");
        assertThat(http.page("/no-such-page").body()).doesNotContain(";jsessionid=");
    }

    private static String directive(String csp, String name) {
        return Arrays.stream(csp.split(";")).map(String::strip).filter(d -> d.startsWith(name + " "))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from " + csp));
    }
}
