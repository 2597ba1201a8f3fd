package ru.gospochta.shell.internal;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
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

    /** Rewrites the links pages render to files into their versioned addresses. */
    @Bean
    ResourceUrlEncodingFilter resourceUrlEncodingFilter() {
        return new ResourceUrlEncodingFilter();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : new String[] {"css", "js", "img"}) {
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
}
