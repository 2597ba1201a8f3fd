package ru.gospochta.identity.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The texts of identity confirmation exist in both languages, for every key the code and pages use. */
class IdentityDocumentMessagesTests {

    static final String RUSSIAN = "/i18n/identity-documents.properties";
    static final String ENGLISH = "/i18n/identity-documents_en.properties";
    static final Path CODE = Path.of("src/main/java/ru/gospochta/identity/internal/documents");
    static final Path TEMPLATES = Path.of("src/main/resources/templates/identity/documents");

    /** A key as a string literal in the code or as a fixed #{key} in a template. */
    static final Pattern KEY = Pattern.compile("[\"{](identity\\.documents\\.[a-z0-9.-]+[a-z0-9])[\"}(]");

    @Test
    @DisplayName("ACC-2, UI-1: the Russian and English bundles have the same keys and no blank text")
    void bundlesMatch() throws IOException {
        Properties russian = load(RUSSIAN);
        Properties english = load(ENGLISH);

        assertThat(english.stringPropertyNames()).isEqualTo(russian.stringPropertyNames());
        assertThat(russian.stringPropertyNames()).allSatisfy(key ->
                assertThat(russian.getProperty(key)).isNotBlank().containsPattern("[А-Яа-яЁё]"));
        assertThat(english.stringPropertyNames()).allSatisfy(key ->
                assertThat(english.getProperty(key)).isNotBlank().doesNotContainPattern("[А-Яа-яЁё]{3,}"));
    }

    @Test
    @DisplayName("ACC-2, UI-1: every key the code and the pages name has a text")
    void everyUsedKeyExists() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path root : new Path[] {CODE, TEMPLATES}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = KEY.matcher(Files.readString(file));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.add("identity.documents.state.registered");
        used.add("identity.documents.state.active");
        used.add("identity.documents.state.confirmed");

        assertThat(used).contains("identity.documents.refused.mismatch", "identity.documents.sms.approved",
                "identity.documents.upload.hint");
        assertThat(load(RUSSIAN).stringPropertyNames()).containsAll(used);
    }

    @Test
    @DisplayName("APL-2: the refusals begin with the wording the specification gives")
    void refusalsUseSpecWording() throws IOException {
        Properties russian = load(RUSSIAN);

        assertThat(russian.getProperty("identity.documents.refused.too-large")).startsWith("Размер превышает лимит");
        assertThat(russian.getProperty("identity.documents.refused.format")).startsWith("Недопустимый формат файла");
        assertThat(russian.getProperty("identity.documents.refused.no-file")).startsWith("Файл не найден");
        assertThat(russian.getProperty("identity.documents.refused.mismatch"))
                .startsWith("Тип содержимого не совпадает с файлом");
        assertThat(russian.getProperty("identity.documents.sms.approved"))
                .isEqualTo("Госпочта: ваша учётная запись подтверждена");
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = IdentityDocumentMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
