package ru.gospochta.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ShellTest
@DisplayName("UI-1 the landing page explains the service to a citizen")
class LandingPageTests {

    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"ru", "en"})
    @DisplayName("UI-1 what Gospochta is, what arrives, notifications, security and agencies, every text resolved")
    void explainsTheService(String language) {
        String page = http.page("/?lang=" + language).body();

        assertThat(page).contains("id=\"about\"", "id=\"arrives\"", "id=\"notifications\"", "id=\"security\"",
                "id=\"agencies\"");
        assertThat(page).as("an unresolved message key").doesNotContain("??");
        String neverAsks = language.equals("ru") ? "никогда не запрашивают" : "never ask for your password";
        assertThat(page).contains(neverAsks);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("Quality bars: an anonymous visit to the landing page creates no server session")
    void anonymousVisitCreatesNoSession() {
        var response = http.page("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("GOSPOCHTA_SESSION")
                || cookie.startsWith("JSESSIONID") || cookie.startsWith("SESSION"));
        assertThat(response.body()).doesNotContain("name=\"_csrf\"");
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"ru", "en"})
    @DisplayName("UI-1 WCAG basics: lang attribute, skip link to main, one h1, alt on images, named navigation")
    void accessibleStructure(String language) {
        String page = http.page("/?lang=" + language).body();

        assertThat(page).contains("<html lang=\"" + language + "\"");
        assertThat(page.indexOf("class=\"skip-link\" href=\"#main\"")).isPositive()
                .isLessThan(page.indexOf("<header"));
        assertThat(page).contains("<main id=\"main\"");
        assertThat(Pattern.compile("<h1\\b").matcher(page).results().count()).isEqualTo(1);
        Matcher images = IMG.matcher(page);
        while (images.find()) {
            assertThat(images.group()).contains("alt=");
        }
        // aria-label or aria-labelledby: both start with aria-label
        assertThat(page).as("every <nav> has an accessible name").doesNotContainPattern("<nav\\b(?![^>]*aria-label)");
    }
}
