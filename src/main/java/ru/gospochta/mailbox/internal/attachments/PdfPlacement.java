package ru.gospochta.mailbox.internal.attachments;

/**
 * Where text goes on a page, followed only as far as telling words apart: the text and line
 * matrices of the text object, and where the text shown last ended, which way it ran and how
 * large it was. Positions are compared once per run of text, never per glyph.
 */
final class PdfPlacement {

    /**
     * A gap wider than this, in ems of the font size, separates words: half the width of a space
     * in common fonts (Helvetica's is 0.278, Times' 0.25), and above any kerning pair (rarely past
     * 0.1). A TJ adjustment below −150 is such a gap; PDFTextStripper's own limit is about as wide.
     */
    private static final double WORD_GAP = 0.15;
    /** Going back further than this is drawing over what was drawn (fake bold, a new column): a new word. */
    private static final double OVERPRINT = 0.3;
    /** Moving across the baseline by more than half an em is a new line; a superscript moves less. */
    private static final double LINE_SHIFT = 0.5;
    /** Runs whose directions differ more than this (about 8°) are not one line. */
    private static final double SAME_DIRECTION = 0.99;

    final double[] textMatrix = {1, 0, 0, 1, 0, 0};
    final double[] lineMatrix = {1, 0, 0, 1, 0, 0};
    /** Text space of the run being shown to the page: the text matrix times the current transformation. */
    private final double[] toPage = new double[6];

    private boolean shown;
    private double lastX;
    private double lastY;
    private double lastDirectionX;
    private double lastDirectionY;
    private double lastEmAlong;
    private double lastEmAcross;

    /** Whether a distance along a run, in ems, is a space between words rather than kerning. */
    static boolean isWordGap(double ems) {
        return ems > WORD_GAP || ems < -OVERPRINT;
    }

    /** A new page: nothing shown yet that the next text could continue. */
    void forget() {
        shown = false;
    }

    void beginText() {
        identity(textMatrix);
        identity(lineMatrix);
    }

    /** Td: the start of the next line, relative to the start of this one. */
    void moveLine(double x, double y) {
        lineMatrix[4] += x * lineMatrix[0] + y * lineMatrix[2];
        lineMatrix[5] += x * lineMatrix[1] + y * lineMatrix[3];
        System.arraycopy(lineMatrix, 0, textMatrix, 0, 6);
    }

    /** Tm. */
    void setMatrix(double[] matrix) {
        System.arraycopy(matrix, 0, textMatrix, 0, 6);
        System.arraycopy(matrix, 0, lineMatrix, 0, 6);
    }

    void startRun(double[] ctm) {
        concatenate(textMatrix, ctm, toPage);
    }

    /**
     * Whether a glyph at {@code pen} (text space units along the run's baseline) carries on the
     * text shown last: on the same line, the same way, neither a word's gap further on nor drawn
     * back over it.
     */
    boolean continuesShown(double pen) {
        if (!shown) {
            return false;
        }
        double length = length(toPage[0], toPage[1]);
        double cos = (toPage[0] * lastDirectionX + toPage[1] * lastDirectionY) / length;
        if (!(cos > SAME_DIRECTION)) {
            return false;
        }
        double dx = pen * toPage[0] + toPage[4] - lastX;
        double dy = pen * toPage[1] + toPage[5] - lastY;
        double along = dx * lastDirectionX + dy * lastDirectionY;
        double across = Math.abs(dy * lastDirectionX - dx * lastDirectionY);
        return across <= LINE_SHIFT * lastEmAcross && along <= WORD_GAP * lastEmAlong && along >= -OVERPRINT * lastEmAlong;
    }

    /**
     * Ends a run whose pen moved {@code pen} along the baseline. When it showed text, remembers
     * where its last glyph ended ({@code end}), with the em of the run ({@code em} along,
     * {@code fontSize} across) on the page.
     */
    void endRun(double pen, double end, double em, double fontSize) {
        textMatrix[4] += pen * textMatrix[0];
        textMatrix[5] += pen * textMatrix[1];
        if (Double.isNaN(end)) {
            return;
        }
        double length = length(toPage[0], toPage[1]);
        shown = length > 0 && Double.isFinite(length);
        lastX = end * toPage[0] + toPage[4];
        lastY = end * toPage[1] + toPage[5];
        lastDirectionX = toPage[0] / length;
        lastDirectionY = toPage[1] / length;
        lastEmAlong = Math.abs(em) * length;
        lastEmAcross = Math.abs(fontSize) * length(toPage[2], toPage[3]);
    }

    /** Math.hypot's care for overflow costs more than a run of text; such a page has no readable text anyway. */
    private static double length(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    static void identity(double[] matrix) {
        matrix[0] = 1;
        matrix[1] = 0;
        matrix[2] = 0;
        matrix[3] = 1;
        matrix[4] = 0;
        matrix[5] = 0;
    }

    /** {@code into = a × b} for PDF's row-vector matrices [a b c d e f]; {@code into} may be {@code b}. */
    static void concatenate(double[] a, double[] b, double[] into) {
        double ra = a[0] * b[0] + a[1] * b[2];
        double rb = a[0] * b[1] + a[1] * b[3];
        double rc = a[2] * b[0] + a[3] * b[2];
        double rd = a[2] * b[1] + a[3] * b[3];
        double re = a[4] * b[0] + a[5] * b[2] + b[4];
        double rf = a[4] * b[1] + a[5] * b[3] + b[5];
        into[0] = ra;
        into[1] = rb;
        into[2] = rc;
        into[3] = rd;
        into[4] = re;
        into[5] = rf;
    }
}
