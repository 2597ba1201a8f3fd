package ru.gospochta.identity.internal.documents;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import ru.gospochta.platform.UploadProperties;

/**
 * Identity's own limit on its upload addresses, inside the container's limits for the whole
 * application ({@link UploadProperties}, which allow the larger messages of the API): a body
 * that says it is larger than a scan and its envelope is refused unread by {@link UnreadableUploads},
 * and {@link ScanInspection} counts the file itself while it reads it.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    /** Room in a request for the part headers, the CSRF field and the boundaries around the file. */
    static final DataSize ENVELOPE = DataSize.ofKilobytes(64);

    /** Only on the upload addresses, and before Spring Security, whose CSRF check reads the body first. */
    @Bean
    FilterRegistrationBean<UnreadableUploads> unreadableUploads(IdentityDocumentsProperties documents,
            UploadProperties uploads) {
        long scan = documents.maxSize().toBytes();
        long request = scan + ENVELOPE.toBytes();
        // Otherwise the container would refuse scans this module allows, with no word of why.
        if (scan > uploads.maxFileSize().toBytes() || request > uploads.maxRequestSize().toBytes()) {
            throw new IllegalStateException("gospochta.identity.documents.max-size (" + documents.maxSize()
                    + ") and " + ENVELOPE.toKilobytes() + "KB of form must fit gospochta.uploads.max-file-size ("
                    + uploads.maxFileSize() + ") and gospochta.uploads.max-request-size (" + uploads.maxRequestSize()
                    + "): raise those or lower the scan limit");
        }
        FilterRegistrationBean<UnreadableUploads> registration = new FilterRegistrationBean<>(new UnreadableUploads(request));
        registration.addUrlPatterns(CitizenConfirmationController.UPLOAD, AccessRequestController.UPLOAD);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
