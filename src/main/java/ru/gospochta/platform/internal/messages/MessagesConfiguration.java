package ru.gospochta.platform.internal.messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The application's {@code messageSource}, in place of Spring Boot's {@code ResourceBundleMessageSource}
 * (whose auto-configuration backs off when a bean of this name exists): the same
 * {@code spring.messages.*} properties, the same answers, but a code is one lookup in the merged
 * texts of its locale instead of a walk over every module's bundle ({@link MergedBundleMessageSource}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties
class MessagesConfiguration {

    /** Bound here: Boot binds its own only together with the message source this replaces. */
    @Bean
    @ConfigurationProperties("spring.messages")
    MessageSourceProperties messageSourceProperties() {
        return new MessageSourceProperties();
    }

    @Bean
    MessageSource messageSource(MessageSourceProperties properties) {
        MergedBundleMessageSource source = new MergedBundleMessageSource();
        List<String> basenames = properties.getBasename();
        if (basenames != null && !basenames.isEmpty()) {
            source.setBasenames(basenames.stream().map(MessagesConfiguration::location).toArray(String[]::new));
        }
        // Boot's bundles are properties files only; the reloadable source would also read .xml ones.
        source.setFileExtensions(List.of(".properties"));
        if (properties.getEncoding() != null) {
            source.setDefaultEncoding(properties.getEncoding().name());
        }
        source.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
        // Without a cache duration texts are read once and merged per locale; with one they are
        // re-read as Boot would, file by file.
        Duration cacheDuration = properties.getCacheDuration();
        source.setCacheMillis(cacheDuration == null ? -1 : cacheDuration.toMillis());
        source.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
        source.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
        source.setCommonMessages(commonMessages(properties.getCommonMessages()));
        return source;
    }

    /**
     * A basename as Boot takes it, a resource bundle name ({@code i18n/notify}, or with dots for
     * folders), as the class path location the reloadable source reads.
     */
    static String location(String basename) {
        return "classpath:" + basename.trim().replace('.', '/');
    }

    private static @Nullable Properties commonMessages(@Nullable List<Resource> resources) {
        if (resources == null || resources.isEmpty()) {
            return null;
        }
        Properties messages = new Properties();
        for (Resource resource : resources) {
            try {
                PropertiesLoaderUtils.fillProperties(messages, resource);
            } catch (IOException failure) {
                throw new UncheckedIOException("Failed to load common messages from '%s'".formatted(resource), failure);
            }
        }
        return messages;
    }
}
