package ru.gospochta.mailbox.internal.attachments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;

/**
 * A PDF is opened with PDFBox to be sure it is one and is not encrypted, and its text is read for
 * search. PDFBox 3.0 decodes every stream it touches into memory, so the compressed streams are
 * first inflated here into a counter: a «PDF bomb» (a few megabytes inflating into gigabytes)
 * is never handed to PDFBox.
 */
final class PdfInspection {

    /** A content stream beyond this is not text anyone wrote; images are not counted, text reading skips them. */
    static final long MAX_STREAM = 64L << 20;
    /** Beyond this the document is delivered without text rather than read at the cost of the heap. */
    static final long MAX_TOTAL = 256L << 20;

    private static final String STREAM = "stream";
    private static final String END = "end";
    private static final String OBJ = "obj";
    private static final String SUBTYPE = "/Subtype";
    private static final String IMAGE = "/Image";
    private static final byte[] ENCRYPT = Signatures.ascii("/Encrypt");

    private PdfInspection() {
    }

    static Verdict inspect(byte[] content, TextCollector text, boolean wantText) {
        if (!inflatesWithinBudget(content)) {
            // Not opened at all; the trailer's marker is the only sign of encryption left to read.
            return Signatures.contains(content, ENCRYPT) ? Verdict.refused(Reason.ENCRYPTED)
                    : Verdict.allowed(AttachmentFormat.PDF, "");
        }
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.isEncrypted()) {
                // Also a PDF that opens without a password but forbids copying: its text cannot be
                // read for search honestly, and APL-2 refuses encrypted files without exception.
                return Verdict.refused(Reason.ENCRYPTED);
            }
            return Verdict.allowed(AttachmentFormat.PDF, wantText ? text(document, text) : "");
        } catch (InvalidPasswordException e) {
            return Verdict.refused(Reason.ENCRYPTED);
        } catch (IOException | RuntimeException e) {
            // A viewer would fail on it as well: %PDF- followed by something else.
            return Verdict.refused(Reason.FORMAT_NOT_ALLOWED);
        }
    }

    private static String text(PDDocument document, TextCollector text) {
        try {
            PdfText.read(document, text);
        } catch (TextCollector.Enough enough) {
            return text.text();
        } catch (Exception | StackOverflowError e) {
            // Text is for search only; a document whose text cannot be read is still delivered.
            return "";
        }
        return text.text();
    }

    /**
     * Inflates every stream that starts with a zlib header into a counter. Streams are found by
     * their keyword rather than through the cross-reference table, which a crafted file can hide
     * streams from; image streams are left out, as text reading never decodes them. The keywords
     * are searched in the bytes seen as Latin-1 text, whose search the JVM runs with vector
     * instructions: a byte-by-byte loop was a third of the CPU of accepting a PDF.
     */
    static boolean inflatesWithinBudget(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        Inflater inflater = new Inflater();
        try {
            int at = text.indexOf(STREAM);
            while (at >= 0) {
                int start = at + STREAM.length();
                boolean keyword = !(at >= END.length() && text.startsWith(END, at - END.length()));
                if (keyword && start < pdf.length) {
                    start = skipEndOfLine(pdf, start);
                    // Only a zlib stream can inflate; trying the others cost a thrown exception each.
                    if (start + 1 < pdf.length && zlibHeader(pdf[start], pdf[start + 1]) && !isImage(text, at)) {
                        inflater.reset();
                        inflater.setInput(pdf, start, pdf.length - start);
                        long stream = 0;
                        try {
                            while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
                                int n = inflater.inflate(sink);
                                stream += n;
                                total += n;
                                if (stream > MAX_STREAM || total > MAX_TOTAL) {
                                    return false;
                                }
                            }
                        } catch (DataFormatException corrupt) {
                            // Damaged data after a zlib header: the loader decides what to make of it.
                        }
                    }
                }
                at = text.indexOf(STREAM, start);
            }
            return true;
        } finally {
            inflater.end();
        }
    }

    /** RFC 1950: compression method 8 (deflate), and the two header bytes a multiple of 31. */
    static boolean zlibHeader(byte cmf, byte flg) {
        return (cmf & 0x0F) == 8 && ((cmf & 0xFF) << 8 | (flg & 0xFF)) % 31 == 0;
    }

    private static int skipEndOfLine(byte[] pdf, int at) {
        if (at < pdf.length && pdf[at] == '\r') {
            at++;
        }
        if (at < pdf.length && pdf[at] == '\n') {
            at++;
        }
        return at;
    }

    /**
     * Whether the dictionary between the object's header and this stream keyword says /Subtype
     * /Image. The searches end at the keyword: one running on to the next /Subtype in the file
     * made a PDF of many streams cost the square of its size.
     */
    private static boolean isImage(String pdf, int streamAt) {
        int from = Math.max(0, streamAt - 4096);
        int header = from;
        for (int i = pdf.indexOf(OBJ, from, streamAt); i >= 0; i = pdf.indexOf(OBJ, i + 1, streamAt)) {
            header = i;
        }
        for (int i = pdf.indexOf(SUBTYPE, header, streamAt); i >= 0; i = pdf.indexOf(SUBTYPE, i + 1, streamAt)) {
            int value = i + SUBTYPE.length();
            while (value < streamAt && isWhiteSpace(pdf.charAt(value))) {
                value++;
            }
            int end = value + IMAGE.length();
            if (pdf.startsWith(IMAGE, value) && end < pdf.length() && !isRegular(pdf.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWhiteSpace(char b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }

    /** A character that continues a PDF name, as opposed to white space or a delimiter. */
    private static boolean isRegular(char b) {
        return !isWhiteSpace(b) && "()<>[]{}/%".indexOf(b) < 0;
    }
}
