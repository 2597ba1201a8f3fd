package ru.gospochta.mailbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

@DisplayName("MBX-2: the words of a PDF, however its producer placed them")
class PdfTextTests {

    static final AttachmentInspection RULES = AttachmentTextTests.RULES;

    static final String NOTICE = "Уведомляем, что по вашему заявлению о назначении ежемесячной выплаты принято решение. "
            + "Выплата будет перечисляться на счёт, указанный в заявлении, не позднее 25-го числа месяца.";

    @Test
    @DisplayName("MBX-2: words kept apart only by TJ adjustments come out as words; kerning inside a word does not split it")
    void wordsApartByAdjustments() {
        byte[] pdf = PdfFiles.pdf((document, content) -> {
            content.beginText();
            content.setFont(PdfFiles.cyrillic(document), 12);
            content.newLineAtOffset(72, 700);
            content.showTextWithPositioning(new Object[] {"Реш", -40f, "ение", -300f, "о", -250f, "назнач", 30f, "ении",
                -200f, "пособия"});
            content.endText();
        });

        assertThat(RULES.text(pdf)).isEqualTo("Решение о назначении пособия");
    }

    @Test
    @DisplayName("MBX-2: lines placed with Td and no space at their end are separate words; letters placed one by one are one word")
    void linesAndLetters() {
        byte[] pdf = PdfFiles.pdf((document, content) -> {
            PDFont font = PdfFiles.cyrillic(document);
            content.beginText();
            content.setFont(font, 12);
            content.newLineAtOffset(72, 700);
            content.showText("Решение");
            content.newLineAtOffset(0, -14);
            content.showText("о");
            content.newLineAtOffset(0, -14);
            content.showText("назначении");
            content.newLineAtOffset(0, -14);
            PdfFiles.letterByLetter(content, font, "пособия");
            content.endText();
        });

        assertThat(RULES.text(pdf)).isEqualTo("Решение о назначении пособия");
    }

    @Test
    @DisplayName("MBX-2: a word drawn twice over itself to look bold is not glued to itself")
    void fakeBold() {
        byte[] pdf = PdfFiles.pdf((document, content) -> {
            PDFont font = PdfFiles.cyrillic(document);
            PdfFiles.text(content, font, 72, 700, "Выплата");
            PdfFiles.text(content, font, 72.4f, 700, "Выплата");
        });

        assertThat(RULES.text(pdf)).isEqualTo("Выплата Выплата");
    }

    @Test
    @DisplayName("MBX-2: Cyrillic in an embedded Type 0 font with Identity-H codes decodes through its ToUnicode map")
    void identityEncodedCyrillic() throws IOException {
        byte[] pdf = PdfFiles.pdf((document, content) ->
                PdfFiles.text(content, PdfFiles.cyrillic(document), 72, 700, "Уведомление о вручении № 5"));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            var resources = document.getPage(0).getResources();
            PDFont font = resources.getFont(resources.getFontNames().iterator().next());
            assertThat(font).as("the fixture is what it claims").isInstanceOfSatisfying(PDType0Font.class, type0 ->
                    assertThat(type0.getCMap().getName()).isEqualTo("Identity-H"));
            assertThat(font.getCOSObject().containsKey(COSName.TO_UNICODE)).isTrue();
        }
        assertThat(RULES.text(pdf)).isEqualTo("Уведомление о вручении № 5");
    }

    @Test
    @DisplayName("MBX-2: without a ToUnicode map, the letters still come out of the embedded font's own tables")
    void fontWithoutToUnicode() {
        byte[] pdf = PdfFiles.withoutToUnicode(PdfFiles.pdf((document, content) ->
                PdfFiles.text(content, PdfFiles.cyrillicWhole(document), 72, 700, "Уведомление о вручении")));

        assertThat(RULES.text(pdf)).isEqualTo("Уведомление о вручении");
    }

    @Test
    @DisplayName("MBX-2: the text of a form XObject is read where the page draws it")
    void formText() {
        byte[] pdf = PdfFiles.pdf((document, content) -> {
            PDFont font = PdfFiles.cyrillic(document);
            PdfFiles.text(content, font, 72, 700, "Решение");
            content.saveGraphicsState();
            content.transform(Matrix.getTranslateInstance(72, 600));
            content.drawForm(PdfFiles.form(document, font, "Печать ведомства"));
            content.restoreGraphicsState();
        });

        assertThat(RULES.text(pdf)).isEqualTo("Решение Печать ведомства");
    }

    @Test
    @DisplayName("MBX-2: a form that draws itself, forms nested hundreds deep and forms drawing each other 2^30 times end at once")
    void formsDoNotLoop() {
        byte[] pdf = PdfFiles.pdf(
                (document, content) -> {
                    PDFont font = titled(document, content);
                    content.drawForm(PdfFiles.selfDrawingForm(document, font, "Зеркало"));
                },
                (document, content) -> content.drawForm(PdfFiles.nestedForms(document, titled(document, content), 300, 1)),
                (document, content) -> content.drawForm(PdfFiles.nestedForms(document, titled(document, content), 30, 2)));
        // Time enough that only a loop could use it up; the assertion's own limit is what fails then.
        AttachmentInspection patient = new AttachmentInspection(new AttachmentsProperties(DataSize.ofMegabytes(10),
                DataSize.ofMegabytes(50), 100_000, Duration.ofMinutes(10)));

        String text = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> patient.text(pdf));

        assertThat(text).startsWith("Страница Зеркало Страница Уровень");
        assertThat(text.split(" ")).as("each form read once, to a bounded depth").hasSizeBetween(3, 100);
    }

    @Test
    @DisplayName("MBX-2: comments, escapes, hex strings and an inline image's bytes do not confuse the reading")
    void handWrittenOperators() {
        String operators = """
                % a comment with (an open parenthesis
                BT /F1 12 Tf 72 700 Td (Article \\(1\\) of the \\
                law) Tj ET
                q 6 0 0 1 72 650 cm BI /W 6 /H 1 /CS /G /BPC 8 ID \u0000)(Tj\u00ff EI Q
                BT /F1 12 Tf 14 TL 72 640 Td <48656c6c6F> Tj T* (caf\\351 [x]) Tj 0 -14 Td [(end)] TJ ET
                """;

        assertThat(RULES.text(PdfFiles.handWritten(operators))).isEqualTo("Article (1) of the law Hello café [x] end");
    }

    @Test
    @DisplayName("MBX-2: every word PDFTextStripper finds in a document of many kinds of pages is found as well")
    void findsWhatPdfBoxFinds() throws IOException {
        byte[] pdf = PdfFiles.pdf(
                (document, content) -> paragraph(content, PdfFiles.helvetica(),
                        "Decision on application 17-2024: the service is granted. The payment is made monthly "
                                + "to the account given in the application, no later than the 25th day of the month."),
                (document, content) -> paragraph(content, PdfFiles.cyrillic(document), NOTICE),
                (document, content) -> {
                    content.beginText();
                    content.setFont(PdfFiles.cyrillic(document), 10);
                    content.newLineAtOffset(40, 700);
                    content.showTextWithPositioning(new Object[] {"Отдел", -280f, "социальной", -280f, "защиты", -35f,
                        ",", -400f, "г.", -250f, "Москва"});
                    content.newLineAtOffset(0, -14);
                    PDFont helvetica = PdfFiles.helvetica();
                    content.setFont(helvetica, 12);
                    PdfFiles.letterByLetter(content, helvetica, "Registry");
                    content.endText();
                },
                (document, content) -> {
                    PDFont font = PdfFiles.cyrillic(document);
                    content.saveGraphicsState();
                    content.transform(new Matrix(2, 0, 0, 2, 40, 300));
                    PdfFiles.text(content, font, 0, 100, "Крупно набранный заголовок");
                    content.restoreGraphicsState();
                    content.transform(Matrix.getTranslateInstance(40, 600));
                    content.drawForm(PdfFiles.form(document, font, "Подписано электронной подписью"));
                });
        Set<String> found;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            found = words(new PDFTextStripper().getText(document));
        }

        assertThat(found).hasSizeGreaterThan(50);
        assertThat(words(RULES.text(pdf))).containsAll(found);
    }

    @Test
    @DisplayName("MBX-2: text turned a quarter turn comes out in whole words, where PDFTextStripper breaks it into pieces")
    void rotatedText() {
        byte[] pdf = PdfFiles.pdf((document, content) -> {
            content.transform(PdfFiles.quarterTurn(580, 100));
            PdfFiles.text(content, PdfFiles.cyrillic(document), 0, 0, "Номер бланка 000123");
        });

        assertThat(RULES.text(pdf)).isEqualTo("Номер бланка 000123");
    }

    /** A page title in the Cyrillic font, whose use on a page is what makes PDFBox embed the font at all. */
    private static PDFont titled(PDDocument document, PDPageContentStream content) throws IOException {
        PDFont font = PdfFiles.cyrillic(document);
        PdfFiles.text(content, font, 72, 740, "Страница");
        return font;
    }

    /** Text set line by line, a few words to a line, with no space at the end of a line. */
    private static void paragraph(PDPageContentStream content, PDFont font, String text) throws IOException {
        content.beginText();
        content.setFont(font, 11);
        content.newLineAtOffset(50, 720);
        String[] words = text.split(" ");
        for (int from = 0; from < words.length; from += 5) {
            content.showText(String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + 5))));
            content.newLineAtOffset(0, -14);
        }
        content.endText();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}
