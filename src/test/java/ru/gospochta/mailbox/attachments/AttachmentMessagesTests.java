package ru.gospochta.mailbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

/** Every refusal of a file can be told to a Russian and an English reader, and names the file. */
@DisplayName("APL-2, UI-1: the texts of attachment refusals")
class AttachmentMessagesTests {

    static final String RUSSIAN = "/i18n/mailbox-attachments.properties";
    static final String ENGLISH = "/i18n/mailbox-attachments_en.properties";

    @Test
    @DisplayName("APL-2, UI-1: each reason has a text in both languages that names the file")
    void everyReasonHasText() throws IOException {
        Properties russian = load(RUSSIAN);
        Properties english = load(ENGLISH);

        assertThat(english.stringPropertyNames()).isEqualTo(russian.stringPropertyNames());
        assertThat(russian.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Reason.values()).map(r -> "attachments.refused." + r.code()).toList());
        for (Reason reason : Reason.values()) {
            String key = "attachments.refused." + reason.code();
            assertThat(format(russian, key, "Решение о назначении.pdf")).as(key).contains("«Решение о назначении.pdf»");
            assertThat(format(english, key, "Решение о назначении.pdf")).as(key).contains("«Решение о назначении.pdf»")
                    .doesNotContainPattern("[А-Яа-яЁё]{3,}(?![^«]*»)");
        }
    }

    @Test
    @DisplayName("APL-2: the refusals begin with the wording the specification gives")
    void usesSpecWording() throws IOException {
        Properties russian = load(RUSSIAN);

        assertThat(russian.getProperty("attachments.refused.file-too-large")).startsWith("Размер превышает лимит");
        assertThat(russian.getProperty("attachments.refused.message-too-large")).startsWith("Размер превышает лимит");
        assertThat(russian.getProperty("attachments.refused.format-not-allowed")).startsWith("Недопустимый формат файла");
        assertThat(russian.getProperty("attachments.refused.type-mismatch"))
                .startsWith("Тип содержимого не совпадает с файлом");
    }

    @Test
    @DisplayName("APL-2: the limits the texts name are the limits the rules apply by default")
    void namesTheDefaultLimits() throws IOException {
        AttachmentsProperties defaults = AttachmentsProperties.defaults();
        Properties russian = load(RUSSIAN);
        Properties english = load(ENGLISH);

        assertThat(russian.getProperty("attachments.refused.file-too-large"))
                .contains(defaults.maxFileSize().toMegabytes() + " МБ");
        assertThat(russian.getProperty("attachments.refused.message-too-large"))
                .contains(defaults.maxMessageSize().toMegabytes() + " МБ");
        assertThat(english.getProperty("attachments.refused.file-too-large"))
                .contains(defaults.maxFileSize().toMegabytes() + " MB");
        assertThat(english.getProperty("attachments.refused.message-too-large"))
                .contains(defaults.maxMessageSize().toMegabytes() + " MB");
    }

    private static String format(Properties bundle, String key, String fileName) {
        return new MessageFormat(bundle.getProperty(key), Locale.ROOT).format(new Object[] {fileName});
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AttachmentMessagesTests.class.getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
