package ru.gospochta.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Russian unless the visitor asks otherwise: {@code ?lang=en} (remembered in a cookie for a
 * year), else the browser's Accept-Language when it prefers a language we have.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration implements WebMvcConfigurer {

    static final Locale RUSSIAN = Locale.of("ru");
    static final List<Locale> SUPPORTED = List.of(RUSSIAN, Locale.ENGLISH);
    static final String COOKIE = "gospochta-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new SupportedLocaleResolver();
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(SupportedLocaleResolver::fromAcceptLanguage);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LinkLanguageChange();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /**
     * The switch is a link, so only GET and HEAD are looked at: asking a POST for a parameter
     * makes the container parse its body, and a multipart upload would be read here, before the
     * controller that owns it and its limits.
     */
    static final class LinkLanguageChange extends LocaleChangeInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws ServletException {
            boolean link = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            return !link || super.preHandle(request, response, handler);
        }
    }

    /** Keeps the locale within the languages the bundles exist for. */
    static final class SupportedLocaleResolver extends CookieLocaleResolver {

        SupportedLocaleResolver() {
            super(COOKIE);
        }

        @Override
        public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request));
        }

        static Locale fromAcceptLanguage(HttpServletRequest request) {
            String header = request.getHeader("Accept-Language");
            if (header == null || header.isBlank()) {
                return RUSSIAN;
            }
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                return best == null ? RUSSIAN : best;
            } catch (IllegalArgumentException malformed) {
                return RUSSIAN;
            }
        }

        private static Locale supported(Locale locale) {
            return SUPPORTED.stream().filter(s -> s.getLanguage().equals(locale.getLanguage())).findFirst().orElse(RUSSIAN);
        }
    }
}
