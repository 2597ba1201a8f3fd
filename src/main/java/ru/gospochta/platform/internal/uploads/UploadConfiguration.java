package ru.gospochta.platform.internal.uploads;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

import ru.gospochta.platform.UploadProperties;

/**
 * Multipart requests for the whole application, replacing Spring Boot's
 * {@code spring.servlet.multipart.*}: the container's limits from {@link UploadProperties}, and
 * parts parsed only when a controller asks for them.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxFileSize());
        factory.setMaxRequestSize(properties.maxRequestSize());
        // Every part goes to a temporary file of the container rather than the heap.
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }

    /**
     * Lazily, so that nothing on the way to a controller (the API's rate limit, for one) waits for
     * a large body to be read, and a controller can answer a body it cannot read in its own terms.
     */
    @Bean
    StandardServletMultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver();
        resolver.setResolveLazily(true);
        return resolver;
    }
}
