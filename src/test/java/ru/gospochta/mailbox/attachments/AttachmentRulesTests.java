package ru.gospochta.mailbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static ru.gospochta.mailbox.attachments.AttachmentFiles.MB;
import static ru.gospochta.mailbox.attachments.AttachmentFiles.utf8;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ru.gospochta.mailbox.AcceptedFile;
import ru.gospochta.mailbox.AttachmentRules;
import ru.gospochta.mailbox.AttachmentsRefused;
import ru.gospochta.mailbox.AttachmentsRefused.Reason;
import ru.gospochta.mailbox.IncomingFile;
import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

@DisplayName("APL-2: the attachment rules")
class AttachmentRulesTests {

    static final AttachmentRules RULES = new AttachmentInspection(AttachmentsProperties.defaults());

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String XML = "application/xml";

    static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE заявление [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <заявление>&secret;</заявление>
            """;
    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <lolz>&lol9;</lolz>
            """;
    static final String NOTICE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <уведомление xmlns="urn:fns:notice:1"><текст>Налог начислен &amp; оплачен</текст></уведомление>
            """;

    /** Each row: what the file is, as a sender hands it in, and the verdict: a reason, or the type and name it is kept under. */
    static Stream<Arguments> files() {
        byte[] pdf = AttachmentFiles.pdf("Решение о назначении пособия");
        byte[] png = AttachmentFiles.png();
        String cyrillic255 = "я".repeat(251) + ".pdf";
        return Stream.of(
                accepted("Решение о назначении.pdf", pdf, null, PDF, "Решение о назначении.pdf"),
                accepted("Справка.docx", AttachmentFiles.docx("Справка выдана"), DOCX, DOCX, "Справка.docx"),
                accepted("Ведомость.XLSX", AttachmentFiles.xlsx("Итого", "Всего"), null, XLSX, "Ведомость.XLSX"),
                accepted("Фото.jpg", AttachmentFiles.jpeg(), "image/jpeg", JPEG, "Фото.jpg"),
                accepted("Фото.jpeg", AttachmentFiles.jpeg(), "image/pjpeg", JPEG, "Фото.jpeg"),
                accepted("Скан.png", png, "image/png", PNG, "Скан.png"),
                accepted("Уведомление.xml", utf8(NOTICE), "application/vnd.fns.notice+xml", XML, "Уведомление.xml"),
                accepted("Данные.xml", utf8("<данные><поле>1</поле></данные>"), "text/xml", XML, "Данные.xml"),
                accepted("Решение", pdf, "application/octet-stream", PDF, "Решение"),
                accepted("..\\..\\Windows\\акт.pdf", pdf, "application/pdf; charset=binary", PDF, "акт.pdf"),
                accepted("/etc/cron.d/акт сверки.pdf", pdf, null, PDF, "акт сверки.pdf"),
                accepted("  Решение.pdf \n", pdf, null, PDF, "Решение.pdf"),
                accepted("Решение-2024 (копия) №5.pdf", pdf, null, PDF, "Решение-2024 (копия) №5.pdf"),
                accepted("Заявление на 中文 и ελληνικά.pdf", pdf, null, PDF, "Заявление на 中文 и ελληνικά.pdf"),
                accepted("Решение (\u0438\u0306).pdf", pdf, null, PDF, "Решение (й).pdf"),
                accepted(cyrillic255, pdf, null, PDF, cyrillic255),
                accepted("Ровно 10 МБ.png", AttachmentFiles.pngOfSize(10 * MB), null, PNG, "Ровно 10 МБ.png"),
                accepted("С таблицей внутри.docx", AttachmentFiles.docxWith(Map.of(
                        "word/embeddings/Microsoft_Excel_Worksheet.xlsx", AttachmentFiles.xlsx("а", "б"))), null, DOCX,
                        "С таблицей внутри.docx"),
                accepted("Бомба в PDF.pdf", AttachmentFiles.pdfBomb("Бомба"), null, PDF, "Бомба в PDF.pdf"),

                refused("Зашифрованный.pdf", AttachmentFiles.encryptedPdf("тайна"), Reason.ENCRYPTED),
                refused("Без права копирования.pdf", AttachmentFiles.restrictedPdf("тайна"), Reason.ENCRYPTED),
                refused("Под паролем.docx", AttachmentFiles.cfb("EncryptionInfo", "EncryptedPackage"), Reason.ENCRYPTED),
                refused("Старый.doc", AttachmentFiles.cfb("WordDocument", "SummaryInformation"), Reason.FORMAT_NOT_ALLOWED),
                refused("Старый с макросами.xls", AttachmentFiles.cfb("Workbook", "_VBA_PROJECT"), Reason.MACROS),
                refused("Установщик.pdf", withInstallerClass(AttachmentFiles.cfb("SummaryInformation")), Reason.EXECUTABLE),
                refused("Макросы.docm", AttachmentFiles.docm(), Reason.MACROS),
                refused("Макросы под видом.docx", AttachmentFiles.docm(), Reason.MACROS),
                refused("Таблица с макросами.xlsm", AttachmentFiles.xlsm(), Reason.MACROS),
                refused("Спрятанные макросы.docx", AttachmentFiles.docxWithHiddenMacros(), Reason.MACROS),
                refused("Шаблон из сети.docx", AttachmentFiles.docxWithRemoteTemplate(), Reason.MACROS),
                refused("Программа внутри.docx", AttachmentFiles.docxWith(Map.of("word/embeddings/setup.exe",
                        AttachmentFiles.exe())), Reason.EXECUTABLE),
                refused("Программа внутри под видом.docx", AttachmentFiles.docxWith(Map.of("word/embeddings/image1.bin",
                        AttachmentFiles.exe())), Reason.EXECUTABLE),
                refused("Пакет OLE внутри.docx", AttachmentFiles.docxWith(Map.of("word/embeddings/oleObject1.bin",
                        AttachmentFiles.cfb("\u0001Ole10Native"))), Reason.EXECUTABLE),
                refused("Таблица с макросами внутри.docx", AttachmentFiles.docxWith(Map.of(
                        "word/embeddings/Microsoft_Excel_Macro-Enabled_Worksheet.xlsm", AttachmentFiles.xlsm())), Reason.MACROS),
                refused("ActiveX.docx", AttachmentFiles.docxWith(Map.of("word/activeX/activeX1.xml", utf8("<ax:ocx/>"))),
                        Reason.MACROS),
                refused("DTD в описании.docx", AttachmentFiles.zip(Map.of("[Content_Types].xml",
                        utf8("<!DOCTYPE Types [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Types>&x;</Types>"))),
                        Reason.FORMAT_NOT_ALLOWED),
                refused("Презентация.pptx", AttachmentFiles.pptx(), Reason.FORMAT_NOT_ALLOWED),
                refused("Текст.odt", AttachmentFiles.zip(Map.of("mimetype", utf8("application/vnd.oasis.opendocument.text"),
                        "content.xml", utf8("<office:document-content/>"))), Reason.FORMAT_NOT_ALLOWED),
                refused("XXE.xml", utf8(XXE), Reason.FORMAT_NOT_ALLOWED),
                refused("Миллиард смешков.xml", utf8(BILLION_LAUGHS), Reason.FORMAT_NOT_ALLOWED),
                refused("Незакрытый.xml", utf8("<?xml version=\"1.0\"?><заявление><поле></заявление>"), Reason.FORMAT_NOT_ALLOWED),
                refused("Не UTF-8.xml", concat(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>"),
                        new byte[] {(byte) 0xC3, 0x28}, utf8("</a>")), Reason.FORMAT_NOT_ALLOWED),
                refused("Рисунок.xml", utf8("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
                        + "<script>alert(1)</script></svg>"), Reason.FORMAT_NOT_ALLOWED),
                refused("Страница.xml", utf8("<html><body onload=\"alert(1)\"/></html>"), Reason.FORMAT_NOT_ALLOWED),
                refused("Программа.exe", AttachmentFiles.exe(), Reason.EXECUTABLE),
                refused("Программа под видом.pdf", AttachmentFiles.exe(), Reason.EXECUTABLE),
                refused("elf.pdf", AttachmentFiles.elf(), Reason.EXECUTABLE),
                refused("Скрипт.sh", utf8("#!/bin/sh\nrm -rf ~\n"), Reason.EXECUTABLE),
                refused("Скрипт.xml", utf8("#!/usr/bin/env python3\nprint('<a/>')\n"), Reason.EXECUTABLE),
                refused("Класс.class", AttachmentFiles.withPrefix(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA,
                        (byte) 0xBE, 0, 0, 0, 65}, 64), Reason.EXECUTABLE),
                refused("Программа.jar", AttachmentFiles.zip(Map.of("META-INF/MANIFEST.MF", utf8("Main-Class: A\n"),
                        "A.class", new byte[] {(byte) 0xCA, (byte) 0xFE})), Reason.EXECUTABLE),
                refused("Архив.zip", AttachmentFiles.zip(Map.of("Решение.pdf", pdf)), Reason.ARCHIVE),
                refused("Архив под видом.docx", AttachmentFiles.zip(Map.of("Решение.pdf", pdf)), Reason.ARCHIVE),
                refused("Архив.rar", AttachmentFiles.withPrefix(utf8("Rar!\u001A\u0007\u0001\u0000"), 64), Reason.ARCHIVE),
                refused("Архив.7z", AttachmentFiles.withPrefix(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C},
                        64), Reason.ARCHIVE),
                refused("Архив.gz", AttachmentFiles.gzip("Решение"), Reason.ARCHIVE),
                refused("Архив.tar", tar(), Reason.ARCHIVE),
                refused("Zip-бомба.docx", AttachmentFiles.zipBomb(), Reason.ARCHIVE),
                refused("Письмо.txt", utf8("Просто текст"), Reason.FORMAT_NOT_ALLOWED),
                refused("Страница.html", utf8("<!DOCTYPE html><html><script>alert(1)</script></html>"), Reason.FORMAT_NOT_ALLOWED),
                refused("Картинка.gif", utf8("GIF89a\u0001\u0000\u0001\u0000"), Reason.FORMAT_NOT_ALLOWED),
                refused("Битый.pdf", utf8("%PDF-1.7\nэто не PDF"), Reason.FORMAT_NOT_ALLOWED),
                refused("Пустой.pdf", new byte[0], Reason.EMPTY),
                refused("Больше 10 МБ.png", AttachmentFiles.pngOfSize(10 * MB + 1), Reason.FILE_TOO_LARGE),
                refused("Картинка.pdf", png, Reason.TYPE_MISMATCH),
                refusedDeclared("Решение.pdf", pdf, "image/png", Reason.TYPE_MISMATCH),
                refusedDeclared("Решение.pdf", pdf, "text/plain", Reason.TYPE_MISMATCH),
                refused("Справка.xlsx", AttachmentFiles.docx("Справка"), Reason.TYPE_MISMATCH),
                refused("Решение.pdf.exe", pdf, Reason.TYPE_MISMATCH),
                refused("Решение.txt", pdf, Reason.TYPE_MISMATCH),
                refused("", pdf, Reason.NAME_INVALID),
                refused("   ", pdf, Reason.NAME_INVALID),
                refused("папка/", pdf, Reason.NAME_INVALID),
                refused("..", pdf, Reason.NAME_INVALID),
                refused("Решение.pdf.", pdf, Reason.NAME_INVALID),
                refused("Решение\u0000.pdf", pdf, Reason.NAME_INVALID),
                refused("Решение\r\nX-Header: 1.pdf", pdf, Reason.NAME_INVALID),
                refused("Счёт\u202Efdp.exe", pdf, Reason.NAME_INVALID),
                refused("я".repeat(252) + ".pdf", pdf, Reason.NAME_INVALID),
                refused(null, pdf, Reason.NAME_INVALID));
    }

    @ParameterizedTest(name = "[{index}] {0} → {2}")
    @MethodSource("files")
    @DisplayName("APL-2: each file gets its verdict from what its bytes are")
    void judgesEachFile(@Nullable String name, IncomingFile file, Object verdict, String keptName) {
        if (verdict instanceof Reason reason) {
            assertThatThrownBy(() -> RULES.acceptAll(List.of(file)))
                    .isInstanceOfSatisfying(AttachmentsRefused.class, refused -> assertThat(refused.problems())
                            .containsExactly(new AttachmentsRefused.Problem(0, name == null ? "" : name, reason)));
        } else {
            List<AcceptedFile> accepted = RULES.acceptAll(List.of(file));
            assertThat(accepted).singleElement().satisfies(kept -> {
                assertThat(kept.mediaType()).isEqualTo(verdict);
                assertThat(kept.fileName()).isEqualTo(keptName);
                assertThat(kept.content()).isSameAs(file.content());
            });
        }
    }

    @Test
    @DisplayName("APL-2: the table covers every reason a single file can be refused for, and every allowed format")
    void tableCoversEveryReason() {
        Set<Object> shown = files().map(row -> row.get()[2]).collect(Collectors.toSet());
        Set<Reason> reasons = EnumSet.allOf(Reason.class);
        reasons.remove(Reason.MESSAGE_TOO_LARGE);

        assertThat(shown).containsAll(reasons).contains(PDF, DOCX, XLSX, JPEG, PNG, XML);
    }

    @Test
    @DisplayName("APL-2: six files of 9 MB are 54 MB, over the 50 MB of a message: the sixth is refused")
    void refusesMessageOverFiftyMegabytes() {
        List<IncomingFile> files = Stream.iterate(1, i -> i + 1).limit(6)
                .map(i -> new IncomingFile("Скан " + i + ".png", AttachmentFiles.pngOfSize(9 * MB), "image/png"))
                .toList();

        assertThatThrownBy(() -> RULES.acceptAll(files))
                .isInstanceOfSatisfying(AttachmentsRefused.class, refused -> assertThat(refused.problems())
                        .containsExactly(new AttachmentsRefused.Problem(5, "Скан 6.png", Reason.MESSAGE_TOO_LARGE)));
        assertThat(RULES.acceptAll(files.subList(0, 5))).hasSize(5);
    }

    @Test
    @DisplayName("APL-2, GW-2: every refused file of a message is named at once, with its place and reason")
    void reportsEveryRefusedFile() {
        byte[] pdf = AttachmentFiles.pdf("Решение");
        List<IncomingFile> files = List.of(
                new IncomingFile("Решение.pdf", pdf, PDF),
                new IncomingFile("Программа.pdf", AttachmentFiles.exe(), PDF),
                new IncomingFile("Скан.pdf", AttachmentFiles.png(), null),
                new IncomingFile("Справка.docx", AttachmentFiles.docx("Справка"), DOCX),
                new IncomingFile("Архив.zip", AttachmentFiles.zip(Map.of("a.pdf", pdf)), "application/zip"),
                new IncomingFile("Пустой.xml", new byte[0], XML),
                new IncomingFile("Макросы.docm", AttachmentFiles.docm(), null));

        assertThatThrownBy(() -> RULES.acceptAll(files))
                .isInstanceOfSatisfying(AttachmentsRefused.class, refused -> assertThat(refused.problems()).containsExactly(
                        new AttachmentsRefused.Problem(1, "Программа.pdf", Reason.EXECUTABLE),
                        new AttachmentsRefused.Problem(2, "Скан.pdf", Reason.TYPE_MISMATCH),
                        new AttachmentsRefused.Problem(4, "Архив.zip", Reason.ARCHIVE),
                        new AttachmentsRefused.Problem(5, "Пустой.xml", Reason.EMPTY),
                        new AttachmentsRefused.Problem(6, "Макросы.docm", Reason.MACROS)));
    }

    @Test
    @DisplayName("APL-2: a PDF of twenty thousand tiny streams is checked in a moment, not in a time growing with the square of its size")
    void checksManyStreamsQuickly() {
        byte[] pdf = PdfFiles.manyStreams(20_000);

        List<AcceptedFile> accepted = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> RULES.acceptAll(List.of(new IncomingFile("Опись.pdf", pdf, PDF))));

        assertThat(accepted).extracting(AcceptedFile::mediaType).containsExactly(PDF);
    }

    @Test
    @DisplayName("APL-2: the files of an accepted message come back in their order; no files is no problem")
    void keepsOrder() {
        List<IncomingFile> files = List.of(new IncomingFile("1.png", AttachmentFiles.png(), null),
                new IncomingFile("2.jpg", AttachmentFiles.jpeg(), null),
                new IncomingFile("3.xml", utf8(NOTICE), null));

        assertThat(RULES.acceptAll(files)).extracting(AcceptedFile::fileName).containsExactly("1.png", "2.jpg", "3.xml");
        assertThat(RULES.acceptAll(List.of())).isEmpty();
    }

    private static Arguments accepted(String name, byte[] content, @Nullable String declared, String type, String kept) {
        return Arguments.of(name, new IncomingFile(name, content, declared), type, kept);
    }

    private static Arguments refused(@Nullable String name, byte[] content, Reason reason) {
        return Arguments.of(name, new IncomingFile(name, content, null), reason, "");
    }

    private static Arguments refusedDeclared(String name, byte[] content, String declared, Reason reason) {
        return Arguments.of(name, new IncomingFile(name, content, declared), reason, "");
    }

    /** A POSIX tar file: a 512-byte header with «ustar» at offset 257, then the data. */
    private static byte[] tar() {
        byte[] tar = new byte[1024];
        byte[] name = utf8("Решение.pdf");
        System.arraycopy(name, 0, tar, 0, name.length);
        System.arraycopy(utf8("ustar\u000000"), 0, tar, 257, 8);
        return tar;
    }

    private static byte[] withInstallerClass(byte[] compoundFile) {
        byte[] installer = {(byte) 0x84, 0x10, 0x0C, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
        byte[] copy = compoundFile.clone();
        System.arraycopy(installer, 0, copy, 512 + 0x50, installer.length);
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
