package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.MailRelays;

/** The backup relay's settings, checked as the server checks them at start-up, and its wiring against real SMTP servers. */
class BackupRelayConfigurationTests {

    static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("NTF-5: a backup relay in catcher mode stops start-up with one sentence naming both properties")
    void backupNeedsRelayMode() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues("gospochta.mail.backup-smtp.host=relay2.example")
                .run(context -> assertThat(context.getStartupFailure()).isNotNull().rootCause()
                        .hasMessageContaining("gospochta.mail.backup-smtp.host is set but gospochta.mail.mode is catcher")
                        .hasMessageContaining("set gospochta.mail.mode=smtp"));
    }

    @Test
    @DisplayName("NTF-5: the backup relay must differ from the primary; absent (no host) it is no error in either mode")
    void backupValidation() {
        assertThat(violations(Map.of("gospochta.mail.mode", "smtp", "gospochta.mail.smtp.host", "relay.example",
                "gospochta.mail.backup-smtp.host", "RELAY.example")))
                .containsExactly("gospochta.mail.backup-smtp must name another relay than gospochta.mail.smtp (host and port)");
        assertThat(violations(Map.of("gospochta.mail.mode", "smtp", "gospochta.mail.smtp.host", "relay.example",
                "gospochta.mail.backup-smtp.host", "relay.example", "gospochta.mail.backup-smtp.port", "2525"))).isEmpty();
        assertThat(violations(Map.of("gospochta.mail.mode", "smtp", "gospochta.mail.smtp.host", "relay.example",
                "gospochta.mail.backup-smtp.port", "2525"))).isEmpty();
        assertThat(violations(Map.of())).isEmpty();
        assertThat(violations(Map.of("gospochta.mail.mode", "smtp", "gospochta.mail.smtp.host", "relay.example",
                "gospochta.mail.backup-smtp.host", "relay2.example", "gospochta.mail.backup-smtp.pool-size", "0")))
                .as("its settings are checked like the primary's").hasSize(1);
    }

    @Test
    @DisplayName("NTF-5: with a backup relay the platform lists \"smtp\" then \"smtp-backup\", each sending through its own relay; without one only \"smtp\"")
    void relaysAreWired() throws Exception {
        FakeRelay primary = closing(new FakeRelay());
        FakeRelay second = closing(new FakeRelay());
        MailProperties properties = properties(Map.of("gospochta.mail.mode", "smtp",
                "gospochta.mail.smtp.host", "127.0.0.1", "gospochta.mail.smtp.port", Integer.toString(primary.port()),
                "gospochta.mail.smtp.security", "none",
                "gospochta.mail.backup-smtp.host", "127.0.0.1", "gospochta.mail.backup-smtp.port", Integer.toString(second.port()),
                "gospochta.mail.backup-smtp.security", "none"));
        MailRelays relays = relays(properties);

        assertThat(relays.inPriorityOrder()).extracting(MailRelays.Relay::name).containsExactly("smtp", "smtp-backup");
        relays.inPriorityOrder().get(0).mail().send(new Letter("first@example.ru", "Тема", "текст", null));
        relays.inPriorityOrder().get(1).mail().sendAll(List.of(new Letter("second@example.ru", "Тема", "текст", null)));
        assertThat(primary.delivered()).containsExactly("first@example.ru");
        assertThat(second.delivered()).containsExactly("second@example.ru");

        MailProperties single = properties(Map.of("gospochta.mail.mode", "smtp",
                "gospochta.mail.smtp.host", "127.0.0.1", "gospochta.mail.smtp.port", Integer.toString(primary.port()),
                "gospochta.mail.smtp.security", "none"));
        assertThat(relays(single).inPriorityOrder()).extracting(MailRelays.Relay::name).containsExactly("smtp");
    }

    /** The relays as {@link MailConfiguration} makes them, unsigned and unstamped. */
    private MailRelays relays(MailProperties properties) {
        MailConfiguration configuration = new MailConfiguration();
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        JavaMailSenderImpl transport = configuration.relayTransport(properties);
        SmtpConnections connections = closing(configuration.smtpConnections(transport, properties));
        BackupRelay backup = closing(configuration.backupRelay(properties, none.getBeanProvider(DkimSigner.class),
                none.getBeanProvider(LetterStamp.class)));
        return configuration.mailRelays(new SmtpOutgoingMail(transport.getSession(), connections, null, properties, null), backup);
    }

    private static List<String> violations(Map<String, String> settings) {
        return VALIDATION.getValidator().validate(properties(settings)).stream().map(ConstraintViolation::getMessage).toList();
    }

    private static MailProperties properties(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("gospochta.mail.smtp.timeout", "3s"));
        all.putAll(settings);
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("gospochta.mail", MailProperties.class);
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @EnableConfigurationProperties(MailProperties.class)
    static class PropertiesOnly {
    }
}
