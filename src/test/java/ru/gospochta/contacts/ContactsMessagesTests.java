package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.contacts.internal.EmailRule;

class ContactsMessagesTests {

    static final String RUSSIAN = "/i18n/contacts.properties";
    static final String ENGLISH = "/i18n/contacts_en.properties";

    @Test
    @DisplayName("CNT-1: the Russian and English bundles have the same keys")
    void bundlesHaveTheSameKeys() throws IOException {
        assertThat(load(ENGLISH).stringPropertyNames()).isEqualTo(load(RUSSIAN).stringPropertyNames());
    }

    @Test
    @DisplayName("CNT-1: every rule of an e-mail address has a message in both bundles, and no address message is left over")
    void everyCodeHasAMessage() throws IOException {
        String[] codes = Arrays.stream(EmailRule.values()).map(EmailRule::code).toArray(String[]::new);

        for (String bundle : new String[] {RUSSIAN, ENGLISH}) {
            assertThat(load(bundle).stringPropertyNames().stream().filter(k -> k.startsWith("contacts.email.")))
                    .as(bundle).containsExactlyInAnyOrder(codes);
        }
    }

    @Test
    @DisplayName("CNT-1: the default bundle speaks Russian, and each message about a part names it")
    void messagesAreWritten() throws IOException {
        Properties russian = load(RUSSIAN);
        Properties english = load(ENGLISH);

        assertThat(russian.stringPropertyNames())
                .allSatisfy(key -> assertThat(russian.getProperty(key)).isNotBlank().containsPattern("[А-Яа-яЁё]"));
        assertThat(english.stringPropertyNames())
                .allSatisfy(key -> assertThat(english.getProperty(key)).isNotBlank().doesNotContainPattern("[А-Яа-яЁё]{3,}"));
        assertThat(russian.stringPropertyNames().stream().filter(key -> key.startsWith("contacts.email.local-")))
                .allSatisfy(key -> assertThat(russian.getProperty(key)).contains("до «@»"));
        assertThat(russian.stringPropertyNames().stream().filter(key -> key.startsWith("contacts.email.domain-")))
                .allSatisfy(key -> assertThat(russian.getProperty(key)).contains("после «@»"));
    }

    @ParameterizedTest
    @ValueSource(strings = {RUSSIAN, ENGLISH})
    @DisplayName("CNT-1: the bundles are UTF-8")
    void bundlesAreUtf8(String bundle) throws IOException {
        try (InputStream in = ContactsMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in.readAllBytes()));
            } catch (CharacterCodingException notUtf8) {
                throw new AssertionError(bundle + " is not UTF-8", notUtf8);
            }
        }
    }

    @Test
    @DisplayName("CNT-1: the application reads the contacts bundle")
    void bundleIsRegistered() throws IOException {
        Properties application = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            application.load(in);
        }
        assertThat(application.getProperty("spring.messages.basename").split(",")).contains("i18n/contacts");
    }

    private static Properties load(String bundle) throws IOException {
        try (InputStream in = ContactsMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
