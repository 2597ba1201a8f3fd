package ru.gospochta.mailbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

import ru.gospochta.mailbox.AttachmentRules;
import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

/** The rules are one bean, configured by gospochta.attachments.*, and a wrong configuration stops the start. */
@DisplayName("APL-2: the attachment rules as a configured bean")
class AttachmentRulesWiringTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AttachmentsProperties.class)
    @Import(AttachmentInspection.class)
    static class Attachments {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Attachments.class);

    @Test
    @DisplayName("APL-2: by default a file may have 10 MB and a message 50 MB")
    void defaults() {
        context.run(started -> {
            assertThat(started).hasSingleBean(AttachmentRules.class);
            assertThat(started.getBean(AttachmentsProperties.class)).isEqualTo(AttachmentsProperties.defaults());
        });
    }

    @Test
    @DisplayName("APL-2: the limits are read from gospochta.attachments.*")
    void readsLimits() {
        context.withPropertyValues("gospochta.attachments.max-file-size=5MB", "gospochta.attachments.max-message-size=20MB",
                "gospochta.attachments.max-text-length=1000", "gospochta.attachments.text-timeout=2s").run(started -> {
                    AttachmentsProperties properties = started.getBean(AttachmentsProperties.class);
                    assertThat(properties.maxFileSize()).isEqualTo(DataSize.ofMegabytes(5));
                    assertThat(properties.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(20));
                    assertThat(properties.maxTextLength()).isEqualTo(1000);
                    assertThat(properties.textTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    @DisplayName("APL-2: a file limit above the message limit, or a text length of zero, does not start")
    void refusesNonsense() {
        context.withPropertyValues("gospochta.attachments.max-file-size=60MB")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("gospochta.attachments.max-text-length=0")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("gospochta.attachments.max-message-size=1GB")
                .run(started -> assertThat(started).hasFailed());
    }
}
