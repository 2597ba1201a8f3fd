package ru.gospochta.mailbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gospochta.mailbox.attachments.AttachmentFiles.utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import ru.gospochta.mailbox.AcceptedFile;
import ru.gospochta.mailbox.AttachmentRules;
import ru.gospochta.mailbox.AttachmentsRefused;
import ru.gospochta.mailbox.IncomingFile;
import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

@DisplayName("MBX-2: the text of attachments for full-text search")
class AttachmentTextTests {

    static final AttachmentInspection RULES = new AttachmentInspection(AttachmentsProperties.defaults());

    @Test
    @DisplayName("MBX-2: the Russian text of a PDF comes out")
    void readsPdf() {
        String text = textOf("Решение.pdf", AttachmentFiles.pdf("Решение о назначении пособия № 17"));

        assertThat(text).isEqualTo("Решение о назначении пособия № 17");
    }

    @Test
    @DisplayName("MBX-2: the paragraphs of a DOCX come out whole, words split between runs joined again")
    void readsDocx() {
        String text = textOf("Справка.docx", AttachmentFiles.docx("Справка о доходах", "Выдана по месту требования"));

        assertThat(text).isEqualTo("Справка о доходах Выдана по месту требования");
    }

    @Test
    @DisplayName("MBX-2: an XLSX gives its shared and inline strings, not its numbers or phonetic guides")
    void readsXlsx() {
        String text = textOf("Ведомость.xlsx", AttachmentFiles.xlsx("Начисление пенсии", "Итого к выплате"));

        assertThat(text).contains("Начисление пенсии", "Итого к выплате").doesNotContain("12345", "ふりがな");
    }

    @Test
    @DisplayName("MBX-2: XML gives its text nodes; images give nothing")
    void readsXmlAndNotImages() {
        assertThat(textOf("Уведомление.xml", utf8(AttachmentRulesTests.NOTICE))).isEqualTo("Налог начислен & оплачен");
        assertThat(textOf("Скан.png", AttachmentFiles.png())).isEmpty();
        assertThat(textOf("Фото.jpg", AttachmentFiles.jpeg())).isEmpty();
    }

    @Test
    @DisplayName("MBX-2: the text is cut at the configured length, never in the middle of a letter")
    void capsText() {
        AttachmentInspection rules = new AttachmentInspection(new AttachmentsProperties(DataSize.ofMegabytes(10),
                DataSize.ofMegabytes(50), 20, Duration.ofSeconds(5)));
        String emoji = "\uD83D\uDCC4";

        assertThat(rules.text(AttachmentFiles.docx("Справка о доходах за 2024 год"))).isEqualTo("Справка о доходах за");
        assertThat(rules.text(utf8("<a>" + "я".repeat(19) + emoji + "</a>"))).isEqualTo("я".repeat(19));
    }

    @Test
    @DisplayName("MBX-2: characters a database column cannot hold are not passed on")
    void dropsControlCharacters() {
        String text = textOf("Данные.xml", utf8("<a>Строка&#x9;с&#xA;переводом</a>"));

        assertThat(text).isEqualTo("Строка с переводом");
    }

    @Test
    @DisplayName("APL-2: a PDF that inflates into a bomb is delivered, but PDFBox never opens it and it has no text")
    void bombHasNoText() {
        assertThat(textOf("Бомба.pdf", AttachmentFiles.pdfBomb("Бомба"))).isEmpty();
    }

    @Test
    @DisplayName("APL-2, MBX-2: a file whose text cannot be read, or not in time, is delivered all the same, without text")
    void deliversWithoutText() {
        AttachmentInspection hurried = new AttachmentInspection(new AttachmentsProperties(DataSize.ofMegabytes(10),
                DataSize.ofMegabytes(50), 1000, Duration.ofNanos(1)));
        byte[] broken = AttachmentFiles.docxWith(Map.of("word/document.xml", utf8("<w:document><w:t>Справка")));

        assertThat(hurried.text(AttachmentFiles.pdf("Решение"))).isEmpty();
        assertThat(hurried.text(AttachmentFiles.docx("Справка"))).isEmpty();
        assertThat(textOf("Справка.docx", broken)).isEmpty();
    }

    @Test
    @DisplayName("APL-2: checking a DOCX leaves no copy of it in the temporary folder, accepted or refused")
    void leavesNothingBehind() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        long before = copiesIn(temporary);

        textOf("Справка.docx", AttachmentFiles.docx("Справка"));
        assertThatThrownBy(() -> RULES.acceptAll(List.of(new IncomingFile("М.docm", AttachmentFiles.docm(), null))))
                .isInstanceOf(AttachmentsRefused.class);

        assertThat(copiesIn(temporary)).isEqualTo(before);
    }

    private static long copiesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("attachment-")).count();
        }
    }

    /** The file must pass the rules first, as every file the mailbox reads text from has. */
    private static String textOf(String name, byte[] content) {
        assertThat(RULES.acceptAll(List.of(new IncomingFile(name, content, null))).getFirst().text())
                .as("accepting leaves the text for later").isNull();
        return RULES.text(content);
    }
}
