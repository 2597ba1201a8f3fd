package ru.gospochta.platform.internal.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The merged message source answers every code as Spring Boot's own {@code ResourceBundleMessageSource}
 * would from the same {@code spring.messages.*}: Boot's, built by its auto-configuration, is the oracle.
 */
class MessageSourceTests {

    static final Locale RUSSIAN = Locale.of("ru");
    static final Locale FRENCH = Locale.FRENCH;
    static final List<Locale> LOCALES = List.of(RUSSIAN, Locale.of("ru", "RU"), Locale.ENGLISH, Locale.US, Locale.UK,
            FRENCH, Locale.of("zz", "ZZ", "x"), Locale.ROOT);
    /** No arguments (texts as written), and arguments that every placeholder style formats. */
    static final List<Object[]> ARGUMENTS = List.of(new Object[0],
            new Object[] {"«справка.pdf»", 2048, 3, 4, 5, 6, 7, 8, 9},
            new Object[] {1234567, 0, 1, 5, 10, 100, 1000, 10000, 100000});

    static final Properties APPLICATION = load(new ClassPathResource("application.properties"));

    /** Boot's message source: its auto-configuration alone, as the application had it. */
    final ApplicationContextRunner boot = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class));

    /** The application's: Boot's auto-configuration present, so it is seen to back off. */
    final ApplicationContextRunner merged = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class))
            .withUserConfiguration(MessagesConfiguration.class);

    @Test
    @DisplayName("UI-1: the application's message source is the merged one, configured by spring.messages.* as Boot's was")
    void replacesBootsMessageSource() {
        merged.withPropertyValues(applicationMessageProperties()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("messageSource")).isInstanceOf(MergedBundleMessageSource.class);
            assertThat(context).doesNotHaveBean(ResourceBundleMessageSource.class);
            MergedBundleMessageSource source = context.getBean(MergedBundleMessageSource.class);
            assertThat(source.getBasenameSet()).containsExactlyElementsOf(
                    basenames().stream().map(MessagesConfiguration::location).toList());
            assertThat(source.getBasenameSet()).first().isEqualTo("classpath:messages");
            MessageSourceProperties properties = context.getBean(MessageSourceProperties.class);
            assertThat(properties.getEncoding()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(properties.isFallbackToSystemLocale()).isFalse();
        });
    }

    @Test
    @DisplayName("UI-1: every code of every configured bundle reads as Boot's ResourceBundleMessageSource reads it, in Russian, English and languages without bundles, with and without arguments")
    void everyCodeAsBootReadsIt() {
        Set<String> codes = new TreeSet<>();
        Set<Locale> locales = new LinkedHashSet<>(LOCALES);
        for (String basename : basenames()) {
            for (Resource file : bundleFiles(basename)) {
                codes.addAll(load(file).stringPropertyNames());
                String suffix = file.getFilename().substring(basename.substring(basename.lastIndexOf('/') + 1).length())
                        .replace(".properties", "");
                if (!suffix.isEmpty()) {
                    locales.add(Locale.of(suffix.substring(1)));
                }
            }
        }
        assertThat(codes).hasSizeGreaterThan(1000);
        assertThat(locales).contains(Locale.ENGLISH);
        codes.add("no.such.code");

        compare(applicationMessageProperties(), (oracle, source) -> {
            List<String> differences = new ArrayList<>();
            int compared = 0;
            for (Locale locale : locales) {
                for (String code : codes) {
                    for (Object[] args : ARGUMENTS) {
                        String expected = outcome(oracle, code, args, locale);
                        String actual = outcome(source, code, args, locale);
                        compared++;
                        if (!expected.equals(actual)) {
                            differences.add(locale + " " + code + " " + args.length + ": " + expected + " ≠ " + actual);
                        }
                    }
                }
            }
            assertThat(compared).isEqualTo(locales.size() * codes.size() * ARGUMENTS.size());
            assertThat(differences).isEmpty();
        });
    }

    @Test
    @DisplayName("UI-1: Russian is the default even where the system speaks English: a language without bundles reads Russian")
    void russianByDefaultOnAnEnglishSystem() {
        Locale system = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        try {
            Properties russian = load(new ClassPathResource("messages.properties"));
            Properties english = load(new ClassPathResource("messages_en.properties"));
            String code = russian.stringPropertyNames().stream()
                    .filter(c -> english.containsKey(c) && !english.getProperty(c).equals(russian.getProperty(c))
                            && !russian.getProperty(c).contains("{"))
                    .sorted().findFirst().orElseThrow();
            compare(applicationMessageProperties(), (oracle, source) -> {
                for (Locale locale : List.of(RUSSIAN, FRENCH, Locale.GERMANY, Locale.ROOT)) {
                    assertThat(source.getMessage(code, null, locale)).as(locale.toString())
                            .isEqualTo(russian.getProperty(code)).isEqualTo(oracle.getMessage(code, null, locale));
                }
                assertThat(source.getMessage(code, null, Locale.ENGLISH)).isEqualTo(english.getProperty(code));
                assertThat(source.getMessage(code, null, Locale.US)).isEqualTo(english.getProperty(code));
            });
        } finally {
            Locale.setDefault(system);
        }
    }

    @Test
    @DisplayName("UI-1: with several basenames the first that has a code wins, with its own fallback to Russian, as in Boot; spring.messages.basename can be overridden")
    void firstBasenameWins() {
        String[] fixture = {"spring.messages.basename=messages-fixture/first, messages-fixture.second",
            "spring.messages.fallback-to-system-locale=false"};
        compare(fixture, (oracle, source) -> {
            for (MessageSource either : List.of(oracle, source)) {
                assertThat(either.getMessage("shared", null, RUSSIAN)).isEqualTo("Первый, по-русски");
                assertThat(either.getMessage("shared", null, FRENCH)).isEqualTo("Первый, по-русски");
                assertThat(either.getMessage("shared", null, Locale.ENGLISH)).isEqualTo("First, in English");
                // The first basename's English beats the second's more specific American English.
                assertThat(either.getMessage("shared", null, Locale.US)).isEqualTo("First, in English");
                assertThat(either.getMessage("first.only", null, Locale.US)).isEqualTo("Only in the first");
                // The first basename's Russian beats the second's English.
                assertThat(either.getMessage("mixed", null, Locale.ENGLISH)).isEqualTo("Первый, только по-русски");
                assertThat(either.getMessage("second.only", null, Locale.US)).isEqualTo("Only in the second, American");
                assertThat(either.getMessage("second.only", null, Locale.UK)).isEqualTo("Only in the second");
                assertThat(either.getMessage("second.only", null, FRENCH)).isEqualTo("Только во втором");
                assertThat(either.getMessage("english.only", null, Locale.ENGLISH)).isEqualTo("Only in English");
                assertThatThrownBy(() -> either.getMessage("english.only", null, RUSSIAN))
                        .isInstanceOf(NoSuchMessageException.class);
            }
            assertSameOutcomes(oracle, source, "shared", "mixed", "first.only", "second.only", "english.only",
                    "quote.plain", "quote.args", "quote.literal", "choice");
        });
    }

    @Test
    @DisplayName("UI-1: apostrophes as Boot treats them: a text without arguments as written, with arguments through MessageFormat")
    void apostrophesAndArguments() {
        String[] fixture = {"spring.messages.basename=messages-fixture/first,messages-fixture/second",
            "spring.messages.fallback-to-system-locale=false"};
        compare(fixture, (oracle, source) -> {
            for (MessageSource either : List.of(oracle, source)) {
                assertThat(either.getMessage("quote.plain", null, RUSSIAN)).isEqualTo("Это ''цитата'' и 'апостроф'");
                assertThat(either.getMessage("quote.plain", new Object[] {"x"}, RUSSIAN)).isEqualTo("Это 'цитата' и апостроф");
                assertThat(either.getMessage("quote.args", new Object[] {"a.pdf", 2048}, RUSSIAN))
                        .isEqualTo("Файл «a.pdf» не 'принят': 2048 байт");
                assertThat(either.getMessage("quote.args", new Object[] {"a.pdf", 2048}, Locale.ENGLISH))
                        .isEqualTo("File \"a.pdf\" isn't accepted: 2048 bytes");
                assertThat(either.getMessage("quote.literal", new Object[] {"x"}, RUSSIAN))
                        .isEqualTo("{0} не подставляется, а x — да");
                assertThat(either.getMessage("choice", new Object[] {0}, RUSSIAN)).isEqualTo("нет писем");
                assertThat(either.getMessage("choice", new Object[] {1}, Locale.ENGLISH)).isEqualTo("одно письмо");
                assertThat(either.getMessage("choice", new Object[] {5}, FRENCH)).isEqualTo("5 писем");
            }
        });
        String[] always = {fixture[0], fixture[1], "spring.messages.always-use-message-format=true",
            "spring.messages.use-code-as-default-message=true"};
        compare(always, (oracle, source) -> {
            assertThat(source.getMessage("quote.plain", null, RUSSIAN)).isEqualTo("Это 'цитата' и апостроф");
            assertThat(source.getMessage("english.only", null, RUSSIAN)).isEqualTo("english.only");
            assertSameOutcomes(oracle, source, "shared", "mixed", "english.only", "quote.plain", "quote.args",
                    "quote.literal", "choice");
        });
    }

    @Test
    @DisplayName("UI-1: locales with the same bundle files share one merged table, so a client's Accept-Language adds no copy of the texts")
    void localesWithTheSameFilesShareATable() {
        merged.withPropertyValues(applicationMessageProperties()).run(context -> {
            MergedBundleMessageSource source = context.getBean(MergedBundleMessageSource.class);
            Object english = source.getMergedProperties(Locale.ENGLISH);
            Object russian = source.getMergedProperties(RUSSIAN);
            assertThat(english).isNotSameAs(russian);
            for (Locale locale : List.of(Locale.US, Locale.UK, Locale.of("en", "", "x"))) {
                assertThat(source.getMergedProperties(locale)).as(locale.toString()).isSameAs(english);
            }
            for (Locale locale : List.of(Locale.of("ru", "RU"), FRENCH, Locale.of("zz", "ZZ"), Locale.ROOT)) {
                assertThat(source.getMergedProperties(locale)).as(locale.toString()).isSameAs(russian);
            }
            source.clearCache();
            assertThat(source.getMergedProperties(Locale.ENGLISH)).isNotSameAs(english);
            assertThat(source.getMessage("no.such.code", null, "fallback", Locale.US)).isEqualTo("fallback");
        });
    }

    private void compare(String[] properties, BiConsumer<MessageSource, MessageSource> check) {
        boot.withPropertyValues(properties).run(bootContext -> {
            assertThat(bootContext).hasNotFailed();
            MessageSource oracle = bootContext.getBean("messageSource", MessageSource.class);
            assertThat(oracle).isInstanceOf(ResourceBundleMessageSource.class);
            merged.withPropertyValues(properties).run(context -> {
                assertThat(context).hasNotFailed();
                MessageSource source = context.getBean("messageSource", MessageSource.class);
                assertThat(source).isInstanceOf(MergedBundleMessageSource.class);
                check.accept(oracle, source);
            });
        });
    }

    private static void assertSameOutcomes(MessageSource oracle, MessageSource source, String... codes) {
        for (Locale locale : LOCALES) {
            for (String code : codes) {
                for (Object[] args : ARGUMENTS) {
                    assertThat(outcome(source, code, args, locale)).as(locale + " " + code + " " + args.length)
                            .isEqualTo(outcome(oracle, code, args, locale));
                }
            }
        }
    }

    /** The text, or the kind of failure (a missing code, an argument a placeholder cannot format). */
    private static String outcome(MessageSource source, String code, Object[] args, Locale locale) {
        try {
            return "text: " + source.getMessage(code, args, locale);
        } catch (RuntimeException failure) {
            return "failure: " + failure.getClass().getName();
        }
    }

    /** The application's spring.messages.* as written in application.properties. */
    private static String[] applicationMessageProperties() {
        return APPLICATION.stringPropertyNames().stream().filter(name -> name.startsWith("spring.messages."))
                .map(name -> name + "=" + APPLICATION.getProperty(name)).toArray(String[]::new);
    }

    private static List<String> basenames() {
        return List.of(APPLICATION.getProperty("spring.messages.basename").split(",")).stream().map(String::trim).toList();
    }

    /** A basename's base file and every file of a locale beside it. */
    private static List<Resource> bundleFiles(String basename) {
        try {
            List<Resource> files = new ArrayList<>();
            files.add(new ClassPathResource(basename + ".properties"));
            files.addAll(List.of(new PathMatchingResourcePatternResolver().getResources("classpath:" + basename + "_*.properties")));
            assertThat(files.getFirst().exists()).as(basename).isTrue();
            return files;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static Properties load(Resource resource) {
        try {
            return PropertiesLoaderUtils.loadProperties(new EncodedResource(resource, StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
