package ru.gospochta.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** Every Russian bundle (the shell's and each module's under i18n/), by the name of its English twin. */
    static List<String> russianBundles() throws IOException {
        List<String> bundles = new ArrayList<>(List.of("messages.properties"));
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = r.getFilename();
            if (name != null && !name.endsWith("_en.properties")) {
                bundles.add("i18n/" + name);
            }
        }
        return bundles;
    }

    static String english(String russianBundle) {
        return russianBundle.replace(".properties", "_en.properties");
    }

    @Test
    @DisplayName("UI-1 every Russian key has an English text and every English key a Russian one, in every bundle")
    void sameKeys() throws IOException {
        for (String bundle : russianBundles()) {
            Properties russian = load(bundle);
            Properties english = load(english(bundle));

            assertThat(difference(russian.stringPropertyNames(), english.stringPropertyNames()))
                    .as("in " + bundle + " but not in its English twin").isEmpty();
            assertThat(difference(english.stringPropertyNames(), russian.stringPropertyNames()))
                    .as("in " + english(bundle) + " but not in its Russian twin").isEmpty();
        }
    }

    @Test
    @DisplayName("UI-1 no message is blank")
    void noBlankTexts() throws IOException {
        List<String> all = new ArrayList<>();
        for (String bundle : russianBundles()) {
            all.add(bundle);
            all.add(english(bundle));
        }
        for (String bundle : all) {
            Properties texts = load(bundle);
            assertThat(texts.stringPropertyNames()).as(bundle).allSatisfy(key ->
                    assertThat(texts.getProperty(key)).as(bundle + " " + key).isNotBlank());
        }
    }

    @Test
    @DisplayName("UI-1 every fixed message key a template uses exists")
    void templatesUseExistingKeys() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String bundle : russianBundles()) {
            known.addAll(load(bundle).stringPropertyNames());
        }
        Set<String> missing = new TreeSet<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
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
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(name).getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
