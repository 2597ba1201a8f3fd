package ru.gospochta.platform.internal.mail;

import java.util.Properties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import ru.gospochta.platform.MailProperties;

/** Wires the mail port to the catcher (default) or to the configured SMTP relay. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "catcher", matchIfMissing = true)
    MailCatcher mailCatcher(MailProperties properties) {
        return MailCatcher.start(properties.catcher());
    }

    @Bean
    @ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "catcher", matchIfMissing = true)
    JavaMailSenderImpl catcherTransport(MailCatcher catcher) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(catcher.host());
        sender.setPort(catcher.smtpPort());
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }

    @Bean
    @ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "smtp")
    JavaMailSenderImpl relayTransport(MailProperties properties) {
        MailProperties.Smtp smtp = properties.smtp();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setUsername(smtp.username());
        sender.setPassword(smtp.password());
        sender.setDefaultEncoding("UTF-8");
        Properties props = sender.getJavaMailProperties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        props.setProperty("mail.smtp.connectiontimeout", timeout);
        props.setProperty("mail.smtp.timeout", timeout);
        props.setProperty("mail.smtp.writetimeout", timeout);
        props.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        switch (smtp.security()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                sender.setProtocol("smtps");
                props.setProperty("mail.smtps.auth", Boolean.toString(smtp.username() != null));
                props.setProperty("mail.smtps.connectiontimeout", timeout);
                props.setProperty("mail.smtps.timeout", timeout);
                props.setProperty("mail.smtps.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return sender;
    }
}
