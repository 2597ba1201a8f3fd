package ru.gospochta.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import ru.gospochta.identity.Waits;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.settings.RefusalMessages;
import ru.gospochta.identity.internal.signin.SignInJournal;

/** The texts of «Настройки безопасности» exist in both languages and say waits the way people do (ACC-7, UI-1). */
class SecurityMessagesTests {

    static final String RUSSIAN = "/i18n/identity-security.properties";
    static final String ENGLISH = "/i18n/identity-security_en.properties";
    static final Pattern FIXED_KEY = Pattern.compile("#\\{(security\\.[a-zA-Z0-9.-]+)[}(]");
    static final Pattern CODE_LITERAL = Pattern.compile("\"(security\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+)\"");

    @Test
    @DisplayName("UI-1: the Russian and English bundles have the same keys, Russian in one and no Russian in the other")
    void bundlesMatch() throws IOException {
        Properties russian = load(RUSSIAN);
        Properties english = load(ENGLISH);

        assertThat(english.stringPropertyNames()).isEqualTo(russian.stringPropertyNames());
        assertThat(russian.stringPropertyNames())
                .allSatisfy(key -> assertThat(russian.getProperty(key)).as(key).isNotBlank().containsPattern("[А-Яа-яЁё]"));
        assertThat(english.stringPropertyNames())
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank()
                        .doesNotContainPattern("[А-Яа-яЁё]{3,}"));
    }

    @Test
    @DisplayName("UI-1: every fixed key the settings templates and code use has a text")
    void everyKeyUsedExists() throws IOException {
        Set<String> used = new TreeSet<>();
        collect(Path.of("src/main/resources/templates/identity/security"), FIXED_KEY, used);
        collect(Path.of("src/main/java/ru/gospochta/identity/internal/settings"), CODE_LITERAL, used);
        used.addAll(RefusalMessages.messageKeys());
        // Keys the templates build from a value.
        for (SignInJournal.Result result : SignInJournal.Result.values()) {
            used.add("security.journal.result." + result.name());
        }
        for (Account.SecondFactorMethod method : Account.SecondFactorMethod.values()) {
            used.add("security.method." + method.name());
            used.add("security.off.code." + method.name());
        }
        for (int score = 0; score <= 4; score++) {
            used.add("security.strength." + score);
        }

        assertThat(used).contains("security.title", "security.notice.password-changed", "security.refused.must-wait");
        assertThat(load(RUSSIAN).stringPropertyNames()).containsAll(used);
    }

    @Test
    @DisplayName("ACC-7: waits are told in plain words with the right Russian and English forms")
    void tellsWaitsInPlainWords() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/identity-security", "i18n/identity-web");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        Locale ru = Locale.of("ru");
        RefusalMessages messages = new RefusalMessages(source, new Waits(source));

        assertThat(messages.inPlainWords(Duration.ofMinutes(15), ru)).isEqualTo("15 минут");
        assertThat(messages.inPlainWords(Duration.ofMinutes(1), ru)).isEqualTo("1 минуту");
        assertThat(messages.inPlainWords(Duration.ofMinutes(22), ru)).isEqualTo("22 минуты");
        assertThat(messages.inPlainWords(Duration.ofSeconds(14 * 60 + 1), ru)).isEqualTo("15 минут");
        assertThat(messages.inPlainWords(Duration.ofMinutes(60), ru)).isEqualTo("60 минут");
        assertThat(messages.inPlainWords(Duration.ofHours(21).plusMinutes(5), ru)).isEqualTo("22 часа");
        assertThat(messages.inPlainWords(Duration.ofHours(21), ru)).isEqualTo("21 час");
        assertThat(messages.inPlainWords(Duration.ofSeconds(11), ru)).isEqualTo("11 секунд");
        assertThat(messages.inPlainWords(Duration.ofSeconds(41), ru)).isEqualTo("41 секунду");
        assertThat(messages.inPlainWords(Duration.ofMinutes(1), Locale.ENGLISH)).isEqualTo("1 minute");
        assertThat(messages.inPlainWords(Duration.ofMinutes(15), Locale.ENGLISH)).isEqualTo("15 minutes");
    }

    private static void collect(Path folder, Pattern pattern, Set<String> into) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    into.add(m.group(1));
                }
            }
        }
    }

    private static Properties load(String bundle) throws IOException {
        try (InputStream in = SecurityMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
