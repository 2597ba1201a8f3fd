package ru.gospochta.mailbox.internal.attachments;

import java.util.Arrays;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;

/**
 * A font's glyph widths as its dictionary gives them, read as PDFBox reads them: the /Widths of a
 * simple font, the /W and /DW of a composite font's descendant. NaN where the dictionary has no
 * answer and the font itself must be asked. Ranges are kept as ranges: a /W entry «0 2000000000
 * 500» is one entry here, not two billion.
 */
final class PdfWidths {

    static final PdfWidths NONE = new PdfWidths(new int[0], new int[0], new float[0][], Float.NaN);

    /** Entry i covers codes first[i]..last[i]; a later entry overrides an earlier one, as in PDFBox's map. */
    private final int[] first;
    private final int[] last;
    /** One width for the whole range, or one per code of it. */
    private final float[][] values;
    private final float otherwise;

    private PdfWidths(int[] first, int[] last, float[][] values, float otherwise) {
        this.first = first;
        this.last = last;
        this.values = values;
        this.otherwise = otherwise;
    }

    float of(int code) {
        for (int i = first.length - 1; i >= 0; i--) {
            if (code >= first[i] && code <= last[i]) {
                float[] widths = values[i];
                return widths.length == 1 && first[i] != last[i] ? widths[0] : widths[code - first[i]];
            }
        }
        return otherwise;
    }

    /** /FirstChar, /LastChar and /Widths; a code outside them is the font's to measure. */
    static PdfWidths simple(COSDictionary font) {
        COSArray widths = font.getCOSArray(COSName.WIDTHS);
        int firstChar = font.getInt(COSName.FIRST_CHAR, -1);
        int lastChar = font.getInt(COSName.LAST_CHAR, -1);
        if (widths == null || widths.size() == 0 || lastChar < firstChar) {
            return NONE;
        }
        float[] each = new float[Math.min(widths.size(), lastChar - firstChar + 1)];
        for (int i = 0; i < each.length; i++) {
            each[i] = widths.getObject(i) instanceof COSNumber number ? number.floatValue() : 0;
        }
        return new PdfWidths(new int[] {firstChar}, new int[] {firstChar + each.length - 1}, new float[][] {each}, Float.NaN);
    }

    /** The descendant's /W, with /DW (1000 when absent) for every code it leaves out; codes are CIDs (Identity-H). */
    static PdfWidths cid(COSDictionary type0) {
        COSArray descendants = type0.getCOSArray(COSName.DESCENDANT_FONTS);
        if (descendants == null || descendants.size() == 0 || !(descendants.getObject(0) instanceof COSDictionary cidFont)) {
            return NONE;
        }
        float otherwise = cidFont.getDictionaryObject(COSName.DW) instanceof COSNumber dw ? dw.floatValue() : 1000;
        COSArray w = cidFont.getCOSArray(COSName.W);
        int size = w == null ? 0 : w.size();
        int[] first = new int[size / 2];
        int[] last = new int[size / 2];
        float[][] values = new float[size / 2][];
        int entries = 0;
        for (int at = 0; at < size - 1; ) {
            if (!(w.getObject(at++) instanceof COSNumber start)) {
                continue;
            }
            COSBase next = w.getObject(at++);
            if (next instanceof COSArray each) {
                float[] widths = new float[each.size()];
                for (int i = 0; i < widths.length; i++) {
                    // PDFBox skips what is not a number; the glyph then has the default width.
                    widths[i] = each.getObject(i) instanceof COSNumber number ? number.floatValue() : otherwise;
                }
                if (widths.length > 0) {
                    first[entries] = start.intValue();
                    last[entries] = start.intValue() + widths.length - 1;
                    values[entries++] = widths;
                }
            } else {
                if (at >= size) {
                    break;
                }
                COSBase width = w.getObject(at++);
                if (next instanceof COSNumber end && width instanceof COSNumber number && end.intValue() >= start.intValue()) {
                    first[entries] = start.intValue();
                    last[entries] = end.intValue();
                    values[entries++] = new float[] {number.floatValue()};
                }
            }
        }
        return new PdfWidths(Arrays.copyOf(first, entries), Arrays.copyOf(last, entries), Arrays.copyOf(values, entries), otherwise);
    }
}
