package ru.gospochta.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

@ShellTest
@DisplayName("UI-1 everything a page needs comes from the jar")
class StaticResourcesTests {

    /** An absolute or protocol-relative address; XML namespaces are names, never fetched. */
    private static final Pattern FOREIGN_URL = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    private static final String THYMELEAF_NAMESPACE = "xmlns:th=\"http://www.thymeleaf.org\"";
    private static final String SVG_NAMESPACE = "xmlns=\"http://www.w3.org/2000/svg\"";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    @DisplayName("UI-1 the stylesheet, htmx and the page script a page links to are served with their types")
    void linkedAssetsAreServed() {
        String page = http.page("/").body();

        String stylesheet = attribute(page, "<link rel=\"stylesheet\" href=\"([^\"]+)\"");
        // The address carries a hash of the content, so a changed file is never taken from a stale cache.
        assertThat(stylesheet).matches("/css/gospochta-[0-9a-f]{32}\\.css");
        assertServed(stylesheet, "text/css");
        assertServed(attribute(page, "<script src=\"(/webjars/htmx\\.org/[^\"]+)\""), "javascript");
        assertServed(attribute(page, "<script src=\"(/js/gospochta[^\"]+)\""), "javascript");
        assertServed("/webjars/htmx.org/dist/htmx.min.js", "javascript");
    }

    @Test
    @DisplayName("UI-1 icons and robots.txt are there, so browsers and crawlers meet no 404")
    void iconsAndRobots() {
        assertServed("/favicon.ico", "icon");
        assertServed("/img/favicon.svg", "image/svg+xml");
        assertServed("/img/logo.svg", "image/svg+xml");
        assertServed("/robots.txt", "text/plain");
    }

    @Test
    @DisplayName("UI-1 no template or static file loads anything from another host (no CDN, no web fonts)")
    void noForeignAddresses() throws IOException {
        List<String> found = new ArrayList<>();
        for (Resource file : files("classpath*:templates/**/*.html", "classpath*:static/**/*.css",
                "classpath*:static/**/*.js", "classpath*:static/**/*.svg")) {
            String text = read(file).replace(THYMELEAF_NAMESPACE, "").replace(SVG_NAMESPACE, "");
            Matcher m = FOREIGN_URL.matcher(text);
            while (m.find()) {
                found.add(file.getFilename() + ": " + m.group());
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    @DisplayName("UI-1 page templates hold no inline script, style or event handler, which the CSP would block")
    void templatesStayWithinTheCsp() throws IOException {
        for (Resource file : files("classpath*:templates/**/*.html")) {
            if (file.getURL().toString().contains("/mail/")) {
                // Letters are read in mail clients, which need inline styles and never apply our CSP;
                // they still must not carry script.
                assertThat(read(file)).as(file.getFilename()).doesNotContainPattern("<script").doesNotContainPattern("\\son[a-z]+=");
                continue;
            }
            assertThat(read(file)).as(file.getFilename())
                    .doesNotContainPattern("<style")
                    .doesNotContainPattern("\\sstyle=")
                    .doesNotContainPattern("\\son[a-z]+=")
                    .doesNotContainPattern("<script(?![^>]*\\bth:src=)[^>]*>")
                    .doesNotContain("javascript:");
        }
    }

    private void assertServed(String path, String type) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(value -> assertThat(value).contains(type));
        assertThat(response.body()).as(path).isNotEmpty();
    }

    private static String attribute(String page, String regex) {
        Matcher m = Pattern.compile(regex).matcher(page);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static List<Resource> files(String... patterns) throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> all = new ArrayList<>();
        for (String pattern : patterns) {
            all.addAll(List.of(resolver.getResources(pattern)));
        }
        assertThat(all).isNotEmpty();
        return all;
    }

    private static String read(Resource file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
