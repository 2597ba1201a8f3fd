package ru.gospochta.identity.values;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.PasswordStrength;
import ru.gospochta.identity.PasswordViolation;

class IdentityMessagesTests {

    static final String RUSSIAN = "/i18n/identity.properties";
    static final String ENGLISH = "/i18n/identity_en.properties";

    /**
     * A code handed to InvalidValue as a string literal, e.g. "identity.snils.checksum". Other
     * literals of the same shape, such as audit action names, are not message keys.
     */
    static final Pattern CODE_LITERAL =
            Pattern.compile("new InvalidValue\\(\\s*[^,()]+,\\s*\"(identity\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+)\"");

    @Test
    @DisplayName("ACC-1, ACC-4: the Russian and English bundles have the same keys")
    void bundlesHaveTheSameKeys() throws IOException {
        assertThat(load(ENGLISH).stringPropertyNames()).isEqualTo(load(RUSSIAN).stringPropertyNames());
    }

    @Test
    @DisplayName("ACC-1, ACC-4: every code the identity module can report has a message")
    void everyCodeHasAMessage() throws IOException {
        Set<String> codes = new TreeSet<>(codesInSource());
        Arrays.stream(PasswordViolation.values()).map(PasswordViolation::code).forEach(codes::add);
        Arrays.stream(PasswordStrength.Hint.values()).map(PasswordStrength.Hint::code).forEach(codes::add);
        codes.add(PasswordStrength.RECOMMEND_LONGER_CODE);

        assertThat(codes).contains("identity.snils.checksum", "identity.name.letters", "identity.password.common");
        assertThat(load(RUSSIAN).stringPropertyNames()).containsAll(codes);
        assertThat(load(ENGLISH).stringPropertyNames()).containsAll(codes);
    }

    @Test
    @DisplayName("ACC-1, ACC-4: the default bundle speaks Russian and no message is blank")
    void messagesAreWritten() throws IOException {
        Properties russian = load(RUSSIAN);
        Properties english = load(ENGLISH);

        assertThat(russian.stringPropertyNames())
                .allSatisfy(key -> assertThat(russian.getProperty(key)).isNotBlank().containsPattern("[А-Яа-яЁё]"));
        assertThat(english.stringPropertyNames())
                .allSatisfy(key -> assertThat(english.getProperty(key)).isNotBlank().doesNotContainPattern("[А-Яа-яЁё]{3,}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {RUSSIAN, ENGLISH})
    @DisplayName("ACC-1, ACC-4: the bundles are UTF-8")
    void bundlesAreUtf8(String bundle) throws IOException {
        try (InputStream in = IdentityMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            byte[] bytes = in.readAllBytes();
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException notUtf8) {
                throw new AssertionError(bundle + " is not UTF-8", notUtf8);
            }
        }
    }

    private static Properties load(String bundle) throws IOException {
        try (InputStream in = IdentityMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }

    /** Codes passed to InvalidValue are string literals in the value types; the build runs from the project folder. */
    private static Set<String> codesInSource() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/ru/gospochta/identity"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher literal = CODE_LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    codes.add(literal.group(1));
                }
            }
        }
        return codes;
    }
}
