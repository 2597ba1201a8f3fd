package ru.gospochta.shell;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

@ShellTest
@DisplayName("UI-1 error pages: a human explanation in the visitor's language, never internals")
class ErrorPageTests {

    private static final String ACCEPT_LANGUAGE = "Accept-Language";

    @LocalServerPort
    int port;

    @Autowired
    MessageSource messages;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** One way a visitor runs into an error, asking for a page in the given language. */
    @FunctionalInterface
    interface Visit {
        HttpResponse<String> in(Http http, String language);
    }

    static Stream<Arguments> failures() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String language : new String[] {"ru", "en"}) {
            cases.add(failure("400 missing parameter", 400, language,
                    (h, l) -> h.page(FailingPages.NEEDS_NUMBER, ACCEPT_LANGUAGE, l)));
            cases.add(failure("400 type mismatch", 400, language,
                    (h, l) -> h.page(FailingPages.NEEDS_NUMBER + "?number=twelve", ACCEPT_LANGUAGE, l)));
            cases.add(failure("403 form posted without CSRF token", 403, language,
                    (h, l) -> h.postForm("/", "name=value", ACCEPT_LANGUAGE, l)));
            cases.add(failure("404 unknown address", 404, language,
                    (h, l) -> h.page("/no-such-page", ACCEPT_LANGUAGE, l)));
            cases.add(failure("404 unknown static file", 404, language,
                    (h, l) -> h.page("/css/no-such.css", ACCEPT_LANGUAGE, l)));
            cases.add(failure("500 exception in a controller", 500, language,
                    (h, l) -> h.page(FailingPages.SERVER_ERROR, ACCEPT_LANGUAGE, l)));
        }
        return cases.build();
    }

    @ParameterizedTest
    @MethodSource("failures")
    @DisplayName("UI-1 each error status has its own page in the layout, in the visitor's language")
    void errorPage(int status, String language, Visit visit) {
        HttpResponse<String> page = visit.in(http, language);
        Locale locale = Locale.forLanguageTag(language);

        assertThat(page.statusCode()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(Http.htmlLang(page)).isEqualTo(language);
        assertThat(Http.heading(page)).isEqualTo(messages.getMessage("error." + status + ".title", null, locale));
        assertThat(page.body())
                .contains(messages.getMessage("error." + status + ".text", null, locale))
                .contains(messages.getMessage("error.home", null, locale))
                .contains("class=\"skip-link\"", "class=\"site-header\"", "class=\"site-footer\"");
        assertRevealsNothing(page);
    }

    @Test
    @DisplayName("UI-1 the language parameter works on an error page too")
    void languageParameterOnErrorPage() {
        HttpResponse<String> page = http.page("/no-such-page?lang=en");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(Http.heading(page)).isEqualTo("Page not found");
    }

    @Test
    @DisplayName("UI-1 a status without a page of its own (405) gets the general page, with its code and headers")
    void otherStatusGetsGeneralPage() {
        HttpResponse<String> page = http.page(FailingPages.POST_ONLY);

        assertThat(page.statusCode()).isEqualTo(405);
        assertThat(page.headers().firstValue("Allow")).hasValue("POST");
        assertThat(Http.heading(page)).isEqualTo(messages.getMessage("error.heading", null, Locale.of("ru")));
        assertThat(page.body()).contains(messages.getMessage("error.code", new Object[] {405}, Locale.of("ru")));
        assertRevealsNothing(page);
    }

    @Test
    @DisplayName("API clients keep RFC 9457 problem details instead of a page, with no internals either")
    void apiClientsGetProblemDetails() {
        HttpResponse<String> badRequest = http.get(FailingPages.NEEDS_NUMBER, "Accept", "application/json");
        HttpResponse<String> serverError = http.get(FailingPages.SERVER_ERROR, "Accept", "application/json");

        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(badRequest.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertRevealsNothing(badRequest);
        assertRevealsNothing(serverError);
    }

    private static Arguments failure(String name, int status, String language, Visit visit) {
        return argumentSet(name + ", " + language, status, language, visit);
    }

    private static void assertRevealsNothing(HttpResponse<String> response) {
        assertThat(response.body())
                .doesNotContain(FailingPages.SECRET_DETAIL)
                .doesNotContain("Exception")
                .doesNotContain("at ru.gospochta")
                .doesNotContain("at org.springframework")
                .doesNotContain("java.lang")
                .doesNotContain("Caused by")
                .doesNotContain("\"trace\"")
                .doesNotContain("Whitelabel")
                .doesNotContain(";jsessionid=");
    }
}
