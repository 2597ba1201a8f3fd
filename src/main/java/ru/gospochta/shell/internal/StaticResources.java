package ru.gospochta.shell.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The files pages link to, each folder under its own address. Spring Boot's default maps
 * {@code /**} to the static folders; every link a page renders then goes through the resource
 * chain to be versioned, and a link to a page (most of them) is looked up in four classpath
 * locations, uncached because nothing is found — most of the time an inbox page took to render.
 * With the addresses named, only links to real files enter the chain, and their versions are
 * cached. {@code spring.web.resources.add-mappings=false} switches Boot's mapping off.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    static final CacheControl PLAIN = CacheControl.maxAge(Duration.ofDays(7)).cachePublic();

    /** The folders of versioned files, each served under its own name. */
    static final List<String> VERSIONED = List.of("css", "js", "img");

    /**
     * Rewrites the links pages render to files into their versioned addresses. Spring's
     * ResourceUrlEncodingFilter does the same for every link a page renders — about eighty on an
     * inbox page, nearly all of them to other pages — matching each against every static mapping;
     * here only a link into a static folder is looked up.
     */
    @Bean
    StaticLinks staticLinks(ObjectProvider<ResourceUrlProvider> urls) {
        return new StaticLinks(urls);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : VERSIONED) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(PLAIN)
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(PLAIN)
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/favicon.ico", "/robots.txt")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(PLAIN);
        // The push service worker lives at the root, the widest scope a worker gets without a
        // Service-Worker-Allowed header. Its address cannot carry a version (browsers find a worker by
        // it), so it is checked on every visit and a new release replaces it at once.
        registry.addResourceHandler("/push-sw.js")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache());
    }

    /**
     * Links into the static folders, through the resource chain to their versioned addresses; others
     * as they are. A ResourceUrlEncodingFilter by type, so that Spring Boot does not add its own.
     */
    static final class StaticLinks extends ResourceUrlEncodingFilter {

        private final ObjectProvider<ResourceUrlProvider> urls;

        StaticLinks(ObjectProvider<ResourceUrlProvider> urls) {
            this.urls = urls;
        }

        @Override
        public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
                throws ServletException, IOException {
            if (!(servletRequest instanceof HttpServletRequest request) || !(servletResponse instanceof HttpServletResponse response)) {
                chain.doFilter(servletRequest, servletResponse);
                return;
            }
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public String encodeURL(String url) {
                    return super.encodeURL(isStatic(url) ? versioned(request, url) : url);
                }
            });
        }

        private String versioned(HttpServletRequest request, String url) {
            String found = urls.getObject().getForRequestUrl(request, url);
            return found == null ? url : found;
        }

        private static final List<String> PREFIXES = Stream.concat(VERSIONED.stream(), Stream.of("webjars"))
                .map(folder -> "/" + folder + "/").toList();

        static boolean isStatic(String url) {
            for (String prefix : PREFIXES) {
                if (url.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
