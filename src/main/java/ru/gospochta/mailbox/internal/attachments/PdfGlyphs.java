package ru.gospochta.mailbox.internal.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.function.Supplier;

import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdmodel.ResourceCache;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontFactory;
import org.apache.pdfbox.pdmodel.font.PDSimpleFont;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.jspecify.annotations.Nullable;

/**
 * One font of a document as the text reader needs it: the codes a string is made of, and for each
 * its text and its advance. Most fonts say both in their dictionary (a ToUnicode map, a widths
 * array), and are answered from it; PDFBox's font, whose making parses the embedded font program
 * and can cost more than all the text of a document, is made only for a code the dictionary does
 * not answer, and gives the answer PDFTextStripper would. Answers are remembered per code, since a
 * document shows the same few hundred codes thousands of times.
 */
final class PdfGlyphs {

    /** PDFBox's additions to the Adobe glyph list, the names PDFTextStripper understands as well. */
    private static final GlyphList GLYPH_NAMES = additionalGlyphList();
    /** Codes above this (four-byte CMaps) are looked up each time rather than remembered. */
    private static final int REMEMBERED = 1 << 16;

    private final @Nullable COSDictionary dictionary;
    private final @Nullable ResourceCache cache;
    private final Supplier<PDFont> substitute;
    private @Nullable PDFont font;
    private final boolean singleByte;
    /** Identity-H: every code is two bytes, the character identifier itself. */
    private final boolean identity;
    private final boolean vertical;
    private final double glyphToText;
    private final @Nullable CMap toUnicode;
    private final PdfWidths widths;
    private final Codes codes = new Codes();
    private String[] texts = new String[256];
    private float[] advances = new float[256];
    /** Bytes taken by the last code {@link #read}. */
    int length;

    /** A font PDFBox has already made, answering everything itself. */
    PdfGlyphs(PDFont font) {
        this(null, null, () -> font, font);
    }

    /**
     * A font of the document, answered from its dictionary where that is enough. {@code substitute}
     * stands in when PDFBox cannot make the font at all, as Helvetica does in PDFBox's own reader.
     */
    PdfGlyphs(COSDictionary dictionary, @Nullable ResourceCache cache, Supplier<PDFont> substitute) {
        this(dictionary, cache, substitute, null);
    }

    private PdfGlyphs(@Nullable COSDictionary dictionary, @Nullable ResourceCache cache, Supplier<PDFont> substitute,
            @Nullable PDFont made) {
        this.dictionary = dictionary;
        this.cache = cache;
        this.substitute = substitute;
        this.font = made;
        COSName subtype = dictionary == null ? null : dictionary.getCOSName(COSName.SUBTYPE);
        boolean simple = COSName.TYPE1.equals(subtype) || COSName.MM_TYPE1.equals(subtype) || COSName.TRUE_TYPE.equals(subtype);
        boolean type0 = COSName.TYPE0.equals(subtype);
        this.identity = type0 && COSName.IDENTITY_H.equals(dictionary.getCOSName(COSName.ENCODING));
        if (dictionary != null && (simple || identity)) {
            singleByte = simple;
            vertical = false;
            glyphToText = 0.001;
            toUnicode = toUnicode(dictionary);
            widths = simple ? PdfWidths.simple(dictionary) : PdfWidths.cid(dictionary);
        } else {
            // Type 3, other CMaps and vertical writing: PDFBox decides everything, and making these fonts is cheap.
            PDFont known = font();
            singleByte = known instanceof PDSimpleFont;
            vertical = known.isVertical();
            // Type 3 glyphs are measured in their own units; every other font's widths are thousandths of an em.
            glyphToText = known instanceof PDType3Font ? known.getFontMatrix().getScaleX() : 0.001;
            toUnicode = null;
            widths = PdfWidths.NONE;
        }
        Arrays.fill(advances, Float.NaN);
    }

    boolean isVertical() {
        return vertical;
    }

    /** The code at {@code at}, setting {@link #length}; zero length when the string ends inside a code. */
    int read(byte[] string, int at, int end) throws IOException {
        if (singleByte) {
            length = 1;
            return string[at] & 0xFF;
        }
        if (identity) {
            length = at + 1 < end ? 2 : 0;
            return length == 0 ? 0 : (string[at] & 0xFF) << 8 | string[at + 1] & 0xFF;
        }
        codes.of(string, at, end);
        int code = font().readCode(codes);
        length = codes.position - at;
        return code;
    }

    /**
     * The text of a code, empty when it has none. A simple font's code without a mapping is taken
     * for the character of that number, as Acrobat and PDFTextStripper do; a composite font's is
     * left out.
     */
    String text(int code) {
        if (code < 0 || code >= REMEMBERED) {
            return unicode(code);
        }
        if (code >= texts.length) {
            texts = Arrays.copyOf(texts, Integer.highestOneBit(code) << 1);
        }
        String text = texts[code];
        if (text == null) {
            text = unicode(code);
            texts[code] = text;
        }
        return text;
    }

    /** The glyph's advance in ems of the font size; zero when the font cannot say. */
    double width(int code) {
        if (code < 0 || code >= REMEMBERED) {
            return measure(code);
        }
        if (code >= advances.length) {
            int size = advances.length;
            advances = Arrays.copyOf(advances, Integer.highestOneBit(code) << 1);
            Arrays.fill(advances, size, advances.length, Float.NaN);
        }
        float width = advances[code];
        if (Float.isNaN(width)) {
            width = (float) measure(code);
            advances[code] = width;
        }
        return width;
    }

    private String unicode(int code) {
        // The first thing PDFBox's fonts consult, with the same call; the rest is theirs.
        String unicode = toUnicode == null ? null : identity ? toUnicode.toUnicode(code, 2) : toUnicode.toUnicode(code);
        if (unicode == null) {
            unicode = font().toUnicode(code, GLYPH_NAMES);
        }
        if (unicode == null) {
            return singleByte ? String.valueOf((char) code) : "";
        }
        return presentationFormsNormalized(unicode);
    }

    private double measure(int code) {
        try {
            float width = widths.of(code);
            double measured = (Float.isNaN(width) ? font().getWidth(code) : width) * glyphToText;
            return Double.isFinite(measured) ? measured : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private PDFont font() {
        if (font == null) {
            try {
                font = PDFontFactory.createFont(dictionary, cache);
            } catch (IOException | RuntimeException broken) {
                font = substitute.get();
            }
        }
        return font;
    }

    /**
     * The font's ToUnicode map when PDFBox would use it as it stands: parsed the same way, and
     * neither empty nor the Identity map that PDFBox reads its own way.
     */
    private static @Nullable CMap toUnicode(COSDictionary dictionary) {
        if (!(dictionary.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream stream)) {
            return null;
        }
        try (RandomAccessRead map = stream.createView()) {
            CMap cmap = new CMapParser().parse(map);
            boolean usable = cmap.hasUnicodeMappings() && (cmap.getName() == null || !cmap.getName().startsWith("Identity-"));
            return usable ? cmap : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * A ligature glyph («ﬁ») or an Arabic presentation form becomes its plain letters, as
     * PDFTextStripper does for the same ranges: search looks for «fi», not for U+FB01.
     */
    private static String presentationFormsNormalized(String unicode) {
        for (int i = 0; i < unicode.length(); i++) {
            char c = unicode.charAt(i);
            if (c >= 0xFB00 && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF) {
                return Normalizer.normalize(unicode, Normalizer.Form.NFKC).trim();
            }
        }
        return unicode;
    }

    private static GlyphList additionalGlyphList() {
        try (InputStream names = GlyphList.class.getResourceAsStream("/org/apache/pdfbox/resources/glyphlist/additional.txt")) {
            return names == null ? GlyphList.getAdobeGlyphList() : new GlyphList(GlyphList.getAdobeGlyphList(), names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string's bytes as the stream a CMap reads codes from, reused for every code. */
    private static final class Codes extends InputStream {

        private byte[] bytes = new byte[0];
        private int position;
        private int end;
        private int mark;

        void of(byte[] string, int at, int stop) {
            bytes = string;
            position = at;
            end = stop;
            mark = at;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            int n = Math.min(length, end - position);
            if (n <= 0) {
                return length == 0 ? 0 : -1;
            }
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return end - position;
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public void mark(int limit) {
            mark = position;
        }

        @Override
        public void reset() {
            position = mark;
        }
    }
}
