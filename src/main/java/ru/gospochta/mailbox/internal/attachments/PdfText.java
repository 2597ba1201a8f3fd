package ru.gospochta.mailbox.internal.attachments;

import static ru.gospochta.mailbox.internal.attachments.PdfOperators.ARRAY_END;
import static ru.gospochta.mailbox.internal.attachments.PdfOperators.HEX_STRING;
import static ru.gospochta.mailbox.internal.attachments.PdfOperators.NAME;
import static ru.gospochta.mailbox.internal.attachments.PdfOperators.NUMBER;
import static ru.gospochta.mailbox.internal.attachments.PdfOperators.STRING;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * The words of a PDF for search, read from the text operators of its pages and forms and nothing
 * else. Search needs words, not layout: there is no glyph-by-glyph geometry here, only where each
 * run of text starts and ends, to tell a space the content stream never drew from letters set
 * one by one. Several times cheaper than PDFTextStripper, which places every glyph on the page.
 */
final class PdfText {

    /** Forms within forms deeper than this are not documents; a form drawing itself stops at once anyway. */
    private static final int MAX_FORM_DEPTH = 12;
    /** PDF allows 28 nested saves; beyond this a save keeps nothing, and its restore changes nothing. */
    private static final int MAX_SAVED = 64;
    private static final String SPACE = " ";

    /** A form read with the resources it was drawn with: read once, its text is the same each time. */
    private record FormUse(COSStream form, COSDictionary resources) {
    }

    /** The part of the graphics state that decides where text goes and how it decodes. */
    private static final class State {
        final double[] ctm = {1, 0, 0, 1, 0, 0};
        @Nullable PdfGlyphs font;
        double fontSize;
        double charSpacing;
        double wordSpacing;
        double horizontalScaling = 1;
        double leading;

        State copy() {
            State copy = new State();
            System.arraycopy(ctm, 0, copy.ctm, 0, 6);
            copy.font = font;
            copy.fontSize = fontSize;
            copy.charSpacing = charSpacing;
            copy.wordSpacing = wordSpacing;
            copy.horizontalScaling = horizontalScaling;
            copy.leading = leading;
            return copy;
        }
    }

    private final PDDocument document;
    private final TextCollector text;
    private final Map<COSDictionary, PdfGlyphs> fonts = new IdentityHashMap<>();
    private final Set<FormUse> formsRead = new HashSet<>();
    private @Nullable PdfGlyphs defaultFont;
    private @Nullable PDFont helvetica;
    /** The text of the run being shown, handed to the collector in one piece. */
    private char[] run = new char[256];
    private int runLength;
    private byte[] string = new byte[256];

    private State state = new State();
    private final ArrayDeque<State> saved = new ArrayDeque<>();
    private int unsaved;
    /** States saved before the form being read began: its Q cannot restore them. */
    private int savedFloor;
    private final PdfPlacement placement = new PdfPlacement();

    private PdfText(PDDocument document, TextCollector text) {
        this.document = document;
        this.text = text;
    }

    /** Reads every page into the collector; its {@link TextCollector.Enough} passes through. */
    static void read(PDDocument document, TextCollector text) {
        new PdfText(document, text).pages();
    }

    private void pages() {
        for (PDPage page : document.getPages()) {
            text.checkTime();
            state = new State();
            saved.clear();
            unsaved = 0;
            savedFloor = 0;
            placement.forget();
            PDResources resources = page.getResources();
            byte[] content = contents(page);
            if (content.length > 0) {
                read(content, resources == null ? new COSDictionary() : resources.getCOSObject(), 0);
            }
        }
    }

    /** The page's content streams as one, a line break between them so tokens do not run together. */
    private static byte[] contents(PDPage page) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Iterator<PDStream> streams = page.getContentStreams(); streams.hasNext(); ) {
            try (InputStream in = streams.next().createInputStream()) {
                in.transferTo(all);
            } catch (IOException unreadable) {
                // One broken stream of a page hides only its own text.
            }
            all.write('\n');
        }
        return all.toByteArray();
    }

    private void read(byte[] content, COSDictionary resources, int depth) {
        PdfOperators operators = new PdfOperators(content, text);
        try {
            for (int operator = operators.next(); operator != PdfOperators.END; operator = operators.next()) {
                apply(operator, operators, resources, depth);
            }
        } catch (IOException unreadable) {
            // A code its font cannot read ends this stream's text; what came before is kept.
        }
    }

    private void apply(int operator, PdfOperators operands, COSDictionary resources, int depth) throws IOException {
        int count = operands.operands();
        switch (operator) {
            case PdfOperators.BT -> placement.beginText();
            case PdfOperators.TF -> {
                if (count >= 2 && operands.kind(0) == NAME && operands.kind(1) == NUMBER) {
                    state.font = font(resources, operands.name(0));
                    state.fontSize = operands.number(1);
                }
            }
            case PdfOperators.TJ_ONE -> show(operands, 0, Math.min(count, 1));
            case PdfOperators.TJ_MANY -> show(operands, 0, count);
            case PdfOperators.QUOTE -> {
                placement.moveLine(0, -state.leading);
                show(operands, 0, Math.min(count, 1));
            }
            case PdfOperators.DOUBLE_QUOTE -> {
                if (count >= 3 && operands.kind(0) == NUMBER && operands.kind(1) == NUMBER) {
                    state.wordSpacing = operands.number(0);
                    state.charSpacing = operands.number(1);
                    placement.moveLine(0, -state.leading);
                    show(operands, 2, 3);
                }
            }
            case PdfOperators.TD, PdfOperators.TD_LEADING -> {
                if (numbers(operands, 2)) {
                    if (operator == PdfOperators.TD_LEADING) {
                        state.leading = -operands.number(1);
                    }
                    placement.moveLine(operands.number(0), operands.number(1));
                }
            }
            case PdfOperators.T_STAR -> placement.moveLine(0, -state.leading);
            case PdfOperators.TM -> {
                if (numbers(operands, 6)) {
                    placement.setMatrix(matrix(operands));
                }
            }
            case PdfOperators.TC -> state.charSpacing = numbers(operands, 1) ? operands.number(0) : state.charSpacing;
            case PdfOperators.TW -> state.wordSpacing = numbers(operands, 1) ? operands.number(0) : state.wordSpacing;
            case PdfOperators.TZ -> state.horizontalScaling = numbers(operands, 1) ? operands.number(0) / 100 : state.horizontalScaling;
            case PdfOperators.TL -> state.leading = numbers(operands, 1) ? operands.number(0) : state.leading;
            case PdfOperators.SAVE -> save();
            case PdfOperators.RESTORE -> restore();
            case PdfOperators.CM -> {
                if (numbers(operands, 6)) {
                    PdfPlacement.concatenate(matrix(operands), state.ctm, state.ctm);
                }
            }
            case PdfOperators.DO -> {
                if (count >= 1 && operands.kind(0) == NAME) {
                    drawForm(operands.name(0), resources, depth);
                }
            }
            default -> {
                // Drawing, colour, marked content, images: nothing to read.
            }
        }
    }

    private static double[] matrix(PdfOperators operands) {
        double[] matrix = new double[6];
        for (int i = 0; i < 6; i++) {
            matrix[i] = operands.number(i);
        }
        return matrix;
    }

    private static boolean numbers(PdfOperators operands, int needed) {
        if (operands.operands() < needed) {
            return false;
        }
        for (int i = 0; i < needed; i++) {
            if (operands.kind(i) != NUMBER) {
                return false;
            }
        }
        return true;
    }

    /**
     * Shows the strings among the operands, numbers between them moving the pen as in TJ. A word
     * separator goes wherever a glyph with text does not start near where the previous one ended.
     */
    private void show(PdfOperators operands, int from, int to) throws IOException {
        PdfGlyphs glyphs = state.font != null ? state.font : defaultFont();
        double em = state.fontSize * state.horizontalScaling;
        double perEm = 1 / em;
        boolean vertical = glyphs.isVertical();
        placement.startRun(state.ctm);
        runLength = 0;
        double pen = 0;
        double lastEnd = Double.NaN;
        for (int i = from; i < to; i++) {
            int kind = operands.kind(i);
            if (kind == NUMBER) {
                pen -= operands.number(i) / 1000 * em;
                continue;
            }
            if (kind == ARRAY_END) {
                break;
            }
            if (kind != STRING && kind != HEX_STRING) {
                continue;
            }
            string = operands.string(i, string);
            int length = operands.length;
            for (int at = 0; at < length; ) {
                int code = glyphs.read(string, at, length);
                int bytes = glyphs.length;
                if (bytes <= 0) {
                    break;
                }
                at += bytes;
                // Vertical writing (CJK) is not placed: each of its runs is a word of its own.
                double width = vertical ? 0 : glyphs.width(code) * em;
                String unicode = glyphs.text(code);
                if (!unicode.isEmpty()) {
                    boolean apart = Double.isNaN(lastEnd) ? !placement.continuesShown(pen) || vertical
                            : PdfPlacement.isWordGap((pen - lastEnd) * perEm);
                    if (apart) {
                        put(SPACE);
                    }
                    put(unicode);
                    lastEnd = pen + width;
                }
                if (!vertical) {
                    pen += width + (state.charSpacing + (bytes == 1 && code == ' ' ? state.wordSpacing : 0))
                            * state.horizontalScaling;
                }
            }
        }
        placement.endRun(pen, lastEnd, em, state.fontSize);
        if (!Double.isNaN(lastEnd)) {
            text.append(run, 0, runLength);
        }
    }

    private void put(String unicode) {
        int length = unicode.length();
        if (length == 1 && runLength < run.length) {
            run[runLength++] = unicode.charAt(0);
            return;
        }
        if (runLength + length > run.length) {
            run = Arrays.copyOf(run, Math.max(run.length * 2, runLength + length));
        }
        unicode.getChars(0, length, run, runLength);
        runLength += length;
    }

    private void save() {
        if (saved.size() < MAX_SAVED) {
            saved.push(state.copy());
        } else {
            unsaved++;
        }
    }

    private void restore() {
        if (unsaved > 0) {
            unsaved--;
        } else if (saved.size() > savedFloor) {
            state = saved.pop();
        }
    }

    private PdfGlyphs font(COSDictionary resources, String name) {
        COSDictionary all = resources.getCOSDictionary(COSName.FONT);
        COSDictionary font = all == null ? null : all.getCOSDictionary(COSName.getPDFName(name));
        if (font == null) {
            // PDFBox shows text in a font the page does not have in Helvetica, and so does this.
            return defaultFont();
        }
        PdfGlyphs glyphs = fonts.get(font);
        if (glyphs == null) {
            glyphs = new PdfGlyphs(font, document.getResourceCache(), this::helvetica);
            fonts.put(font, glyphs);
        }
        return glyphs;
    }

    private PdfGlyphs defaultFont() {
        if (defaultFont == null) {
            defaultFont = new PdfGlyphs(helvetica());
        }
        return defaultFont;
    }

    /** What PDFBox shows text in when the page names no font, or one that cannot be made. */
    private PDFont helvetica() {
        if (helvetica == null) {
            helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        }
        return helvetica;
    }

    /**
     * Reads a form XObject's text where it is drawn. Images are never looked at beyond their
     * dictionary; a form is read once for the resources it is drawn with, which ends loops and
     * forms that draw each other a million times over.
     */
    private void drawForm(String name, COSDictionary resources, int depth) {
        COSDictionary xobjects = resources.getCOSDictionary(COSName.XOBJECT);
        if (xobjects == null || depth >= MAX_FORM_DEPTH
                || !(xobjects.getDictionaryObject(COSName.getPDFName(name)) instanceof COSStream form)
                || !COSName.FORM.equals(form.getCOSName(COSName.SUBTYPE))) {
            return;
        }
        COSDictionary own = form.getCOSDictionary(COSName.RESOURCES);
        COSDictionary formResources = own != null ? own : resources;
        if (!formsRead.add(new FormUse(form, formResources))) {
            return;
        }
        byte[] content;
        try (InputStream in = form.createInputStream()) {
            content = in.readAllBytes();
        } catch (IOException unreadable) {
            return;
        }
        State outer = state;
        int outerSaved = saved.size();
        int outerUnsaved = unsaved;
        int outerFloor = savedFloor;
        double[] outerText = placement.textMatrix.clone();
        double[] outerLine = placement.lineMatrix.clone();
        state = state.copy();
        unsaved = 0;
        savedFloor = outerSaved;
        if (form.getCOSArray(COSName.MATRIX) instanceof COSArray array && array.size() >= 6) {
            float[] matrix = array.toFloatArray();
            double[] m = {matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]};
            PdfPlacement.concatenate(m, state.ctm, state.ctm);
        }
        try {
            read(content, formResources, depth + 1);
        } finally {
            while (saved.size() > outerSaved) {
                saved.pop();
            }
            state = outer;
            unsaved = outerUnsaved;
            savedFloor = outerFloor;
            System.arraycopy(outerText, 0, placement.textMatrix, 0, 6);
            System.arraycopy(outerLine, 0, placement.lineMatrix, 0, 6);
        }
    }
}
