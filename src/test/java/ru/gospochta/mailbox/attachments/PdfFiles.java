package ru.gospochta.mailbox.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDFormContentStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * PDFs whose text is laid out the ways real producers lay it out: words apart only by where they
 * are drawn, lines without a space at their end, letters placed one by one, Cyrillic in an
 * embedded Identity-H font, text inside forms, and forms that draw themselves.
 */
final class PdfFiles {

    /** A page's drawing, given the document for fonts and forms. */
    interface Drawing {
        void draw(PDDocument document, PDPageContentStream content) throws IOException;
    }

    private PdfFiles() {
    }

    /** One page per drawing. */
    static byte[] pdf(Drawing... pages) {
        try (PDDocument document = new PDDocument()) {
            for (Drawing drawing : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    drawing.draw(document, content);
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Liberation Sans, which PDFBox carries, embedded as a Type 0 font with Identity-H codes and a
     * ToUnicode map: how Word and most modern producers embed a Cyrillic font.
     */
    static PDType0Font cyrillic(PDDocument document) throws IOException {
        try (InputStream font = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            return PDType0Font.load(document, font);
        }
    }

    /** The same font embedded whole rather than as a subset, with the font's own Unicode tables kept. */
    static PDType0Font cyrillicWhole(PDDocument document) throws IOException {
        try (InputStream font = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            return PDType0Font.load(document, font, false);
        }
    }

    static PDFont helvetica() {
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    /** Text at a place on the page in a text object of its own. */
    static void text(PDPageContentStream content, PDFont font, float x, float y, String text) throws IOException {
        content.beginText();
        content.setFont(font, 12);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    /** Each letter shown by itself, the next one moved to where the last one ended, as some producers do. */
    static void letterByLetter(PDPageContentStream content, PDFont font, String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            String letter = word.substring(i, i + 1);
            content.showText(letter);
            content.newLineAtOffset(font.getStringWidth(letter) / 1000 * 12, 0);
        }
    }

    /** A form holding one line of text, with the font in resources of its own. */
    static PDFormXObject form(PDDocument document, PDFont font, String text) throws IOException {
        PDFormXObject form = new PDFormXObject(document);
        form.setResources(new PDResources());
        form.setBBox(new PDRectangle(0, 0, 400, 40));
        try (PDFormContentStream content = new PDFormContentStream(form)) {
            content.beginText();
            content.setFont(font, 12);
            content.newLineAtOffset(0, 20);
            content.showText(text);
            content.endText();
        }
        return form;
    }

    /** A form that shows its text and then draws itself. */
    static PDFormXObject selfDrawingForm(PDDocument document, PDFont font, String text) throws IOException {
        PDFormXObject form = form(document, font, text);
        COSName self = form.getResources().add(form);
        appendToForm(form, "/" + self.getName() + " Do\n");
        return form;
    }

    /**
     * {@code count} forms, each showing «Уровень» and drawing the next one {@code times} times,
     * scaled down a little so that the drawings stay on the page: a chain as deep as asked, or
     * with {@code times} of 2 a tree of 2^count drawings.
     */
    static PDFormXObject nestedForms(PDDocument document, PDFont font, int count, int times) throws IOException {
        PDFormXObject inner = form(document, font, "Уровень");
        for (int level = 1; level < count; level++) {
            PDFormXObject outer = form(document, font, "Уровень");
            COSName name = outer.getResources().add(inner);
            appendToForm(outer, ("q 0.9 0 0 0.9 0 0 cm /" + name.getName() + " Do Q\n").repeat(times));
            inner = outer;
        }
        return inner;
    }

    private static void appendToForm(PDFormXObject form, String operators) throws IOException {
        byte[] content;
        try (InputStream in = form.getContentStream().createInputStream()) {
            content = in.readAllBytes();
        }
        try (OutputStream out = form.getContentStream().createOutputStream()) {
            out.write(content);
            out.write(operators.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A page whose content stream is written by hand, with Helvetica (WinAnsi) as /F1. */
    static byte[] handWritten(String operators) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("F1"), helvetica());
            page.setResources(resources);
            PDStream content = new PDStream(document);
            try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(operators.getBytes(StandardCharsets.ISO_8859_1));
            }
            page.setContents(content);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page drawn by {@code count} tiny content streams: a file that costs little to make and much to scan badly. */
    static byte[] manyStreams(int count) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            List<PDStream> streams = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                PDStream stream = new PDStream(document);
                try (OutputStream out = stream.createOutputStream()) {
                    out.write("q Q\n".getBytes(StandardCharsets.US_ASCII));
                }
                streams.add(stream);
            }
            page.setContents(streams);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same PDF with the ToUnicode maps of its fonts taken out: the text is then only in the fonts' own tables. */
    static byte[] withoutToUnicode(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    resources.getCOSObject().getCOSDictionary(COSName.FONT).getCOSDictionary(name).removeItem(COSName.TO_UNICODE);
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rotated a quarter turn, as the side notes of forms are. */
    static Matrix quarterTurn(float x, float y) {
        return new Matrix(0, 1, -1, 0, x, y);
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
