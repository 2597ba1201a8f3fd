package ru.gospochta.identity.internal.documents;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet container's limits for multipart requests, set from the scan limit: the container
 * counts while it reads and stops at the limit, so an oversized upload is never stored in full
 * and the application never sees it ({@link UnreadableUploads} turns that into a refusal).
 *
 * <p>This bean replaces Spring Boot's {@code spring.servlet.multipart.*} settings for the whole
 * application. A module that needs larger uploads (appeals allow 50 MB a message, APL-2) must
 * move these limits to one shared place rather than define a second bean.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    /** Room in a request for the part headers, the CSRF field and the boundaries around the file. */
    static final DataSize ENVELOPE = DataSize.ofKilobytes(64);

    @Bean
    MultipartConfigElement multipartConfigElement(IdentityDocumentsProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxSize());
        factory.setMaxRequestSize(DataSize.ofBytes(properties.maxSize().toBytes() + ENVELOPE.toBytes()));
        // Every part goes to a temporary file of the container rather than the heap.
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }

    /** Only on the upload addresses, and before Spring Security, whose CSRF check reads the body first. */
    @Bean
    FilterRegistrationBean<UnreadableUploads> unreadableUploads() {
        FilterRegistrationBean<UnreadableUploads> registration = new FilterRegistrationBean<>(new UnreadableUploads());
        registration.addUrlPatterns(CitizenConfirmationController.UPLOAD, AccessRequestController.UPLOAD);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
