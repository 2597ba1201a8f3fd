package ru.gospochta.shell;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ShellTest
@DisplayName("UI-1 Russian by default, English on request")
class LanguageTests {

    static final String RUSSIAN_HEADING = "Официальная почта в личном кабинете";
    static final String ENGLISH_HEADING = "Official mail in your personal account";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    @DisplayName("UI-1 a visitor who states no language gets the landing page in Russian")
    void russianByDefault() {
        HttpResponse<String> page = http.page("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Http.htmlLang(page)).isEqualTo("ru");
        assertThat(Http.heading(page)).isEqualTo(RUSSIAN_HEADING);
    }

    @Test
    @DisplayName("UI-1 ?lang=en gives English and a gospochta-lang cookie that keeps English without the parameter")
    void languageParameterIsRemembered() {
        HttpResponse<String> switched = http.page("/?lang=en");

        assertThat(Http.htmlLang(switched)).isEqualTo("en");
        assertThat(Http.heading(switched)).isEqualTo(ENGLISH_HEADING);
        String cookie = languageCookie(switched);
        assertThat(cookie).startsWith("gospochta-lang=en;").containsIgnoringCase("HttpOnly");

        HttpResponse<String> next = http.page("/", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(Http.htmlLang(next)).isEqualTo("en");
        assertThat(Http.heading(next)).isEqualTo(ENGLISH_HEADING);
    }

    @Test
    @DisplayName("UI-1 a browser that prefers English gets English without any cookie being set")
    void acceptLanguageEnglish() {
        HttpResponse<String> page = http.page("/", "Accept-Language", "en-GB,en;q=0.9");

        assertThat(Http.heading(page)).isEqualTo(ENGLISH_HEADING);
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("gospochta-lang="));
    }

    @Test
    @DisplayName("UI-1 a language we do not have falls back to Russian, by header and by parameter")
    void unsupportedLanguageFallsBackToRussian() {
        assertThat(Http.heading(http.page("/", "Accept-Language", "de-DE,de;q=0.9"))).isEqualTo(RUSSIAN_HEADING);
        assertThat(Http.heading(http.page("/?lang=de"))).isEqualTo(RUSSIAN_HEADING);
        assertThat(Http.heading(http.page("/?lang=x%20y"))).isEqualTo(RUSSIAN_HEADING);
    }

    @Test
    @DisplayName("UI-1 a language chosen on the site beats the browser's preference")
    void chosenLanguageBeatsBrowser() {
        HttpResponse<String> page = http.page("/", "Accept-Language", "en", "Cookie", "gospochta-lang=ru");

        assertThat(Http.heading(page)).isEqualTo(RUSSIAN_HEADING);
    }

    @Test
    @DisplayName("UI-1 the language links keep the visitor on the same page and mark the current language")
    void languageLinksStayOnThePage() {
        HttpResponse<String> signIn = http.page("/admin/login");

        String russianLink = tag(signIn.body(), "lang-ru");
        String englishLink = tag(signIn.body(), "lang-en");
        assertThat(russianLink).contains("href=\"?lang=ru\"", "class=\"active\"", "aria-current=\"true\"");
        assertThat(englishLink).contains("href=\"?lang=en\"").doesNotContain("active", "aria-current");
        assertThat(Http.heading(http.page("/admin/login?lang=en"))).isEqualTo("Staff sign-in");
    }

    private static String tag(String page, String id) {
        int attribute = page.indexOf("id=\"" + id + "\"");
        assertThat(attribute).as(id).isNotNegative();
        return page.substring(page.lastIndexOf('<', attribute), page.indexOf('>', attribute) + 1);
    }

    private static String languageCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("gospochta-lang=")).findFirst()
                .orElseThrow(() -> new AssertionError("no gospochta-lang cookie in " + cookies));
    }
}
