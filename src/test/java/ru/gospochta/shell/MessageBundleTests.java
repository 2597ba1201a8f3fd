package ru.gospochta.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** The two bundles must say the same things: a key missing from one shows up as ??key?? on a page. */
@DisplayName("UI-1 the Russian and English message bundles match")
class MessageBundleTests {

    /** A fixed message key in a template: #{key} or #{key(args)}, not one built from ${…}. */
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9.-]+)[}(]");

    @Test
    @DisplayName("UI-1 every Russian key has an English text and every English key a Russian one")
    void sameKeys() throws IOException {
        Properties russian = load("messages.properties");
        Properties english = load("messages_en.properties");

        assertThat(difference(russian.stringPropertyNames(), english.stringPropertyNames()))
                .as("in messages.properties but not in messages_en.properties").isEmpty();
        assertThat(difference(english.stringPropertyNames(), russian.stringPropertyNames()))
                .as("in messages_en.properties but not in messages.properties").isEmpty();
    }

    @Test
    @DisplayName("UI-1 no message is blank")
    void noBlankTexts() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties texts = load(bundle);
            assertThat(texts.stringPropertyNames()).as(bundle).allSatisfy(key ->
                    assertThat(texts.getProperty(key)).as(bundle + " " + key).isNotBlank());
        }
    }

    @Test
    @DisplayName("UI-1 every fixed message key a template uses exists")
    void templatesUseExistingKeys() throws IOException {
        Set<String> known = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> missing = new TreeSet<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        // Modules keep their texts in bundles of their own under i18n/ (spring.messages.basename).
        for (Resource bundle : resolver.getResources("classpath*:i18n/*.properties")) {
            if (bundle.getFilename() != null && !bundle.getFilename().contains("_")) {
                known.addAll(load(bundle).stringPropertyNames());
            }
        }
        for (Resource template : resolver.getResources("classpath*:templates/**/*.html")) {
            try (InputStream in = template.getInputStream()) {
                Matcher m = TEMPLATE_KEY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!known.contains(m.group(1))) {
                        missing.add(template.getFilename() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }

    private static Properties load(String name) throws IOException {
        return load(new ClassPathResource(name));
    }

    private static Properties load(Resource bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = bundle.getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
