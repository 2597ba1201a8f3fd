package ru.gospochta.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

/**
 * The CPU one text-dense 100 KB PDF costs to read for search: PDFTextStripper, as the mailbox read
 * PDFs before, against the mailbox's own reader, in the same run after warm-up. Two documents: the
 * ingest benchmark's (Helvetica, uncompressed) and a Russian one (an embedded Identity-H font,
 * compressed), since that is what agencies send. CPU time of the measuring thread, so that other
 * work on the machine does not count; rounds alternate so that drift hits both alike.
 * {@code -Dbench.runs} sets the documents per round.
 */
class PdfTextBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 100);
    static final int ROUNDS = 5;
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Limits wide enough that neither reader stops early: the whole text is read by both. */
    final AttachmentInspection inspection = new AttachmentInspection(new AttachmentsProperties(DataSize.ofMegabytes(10),
            DataSize.ofMegabytes(50), 10_000_000, Duration.ofMinutes(1)));

    @Test
    void run() throws Exception {
        StringBuilder out = new StringBuilder(String.format("%nPDF text for search, CPU ms per document (median of %d rounds of %d)%n",
                ROUNDS, RUNS));
        out.append(String.format("%-24s %9s %16s %14s %8s%n", "document", "size", "PDFTextStripper", "new reader", "ratio"));
        for (String kind : List.of("Latin, Helvetica", "Russian, Identity-H")) {
            byte[] pdf = kind.startsWith("Latin") ? latin(100_000) : russian(100_000);
            checkSameWords(pdf);
            List<Double> stripper = new ArrayList<>();
            List<Double> reader = new ArrayList<>();
            for (int round = -1; round < ROUNDS; round++) {
                // Round −1 is the warm-up, for the JIT and PDFBox's font caches; it is not counted.
                double s = cpuPerDocument(() -> strip(pdf));
                double r = cpuPerDocument(() -> inspection.text(pdf));
                if (round >= 0) {
                    stripper.add(s);
                    reader.add(r);
                }
            }
            double s = median(stripper);
            double r = median(reader);
            out.append(String.format("%-24s %6d KB %13.2f ms %11.2f ms %7.1f×%n", kind, pdf.length / 1024, s, r, s / r));
        }
        out.append("new reader: AttachmentInspection.text, the inflate budget check and loading included;\n")
                .append("PDFTextStripper: loading included, no budget check (as configured by the mailbox before).\n");
        System.out.println(out);
    }

    interface Work {
        void run() throws Exception;
    }

    static double cpuPerDocument(Work work) throws Exception {
        return cpuPerDocument(work, RUNS);
    }

    static double cpuPerDocument(Work work, int runs) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            work.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / runs;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static String strip(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSuppressDuplicateOverlappingText(false);
            return stripper.getText(document);
        }
    }

    /** Not a benchmark if the new reader did less: it must find every word PDFTextStripper finds. */
    void checkSameWords(byte[] pdf) throws Exception {
        Set<String> expected = words(strip(pdf));
        Set<String> found = words(inspection.text(pdf));
        if (!found.containsAll(expected)) {
            expected.removeAll(found);
            throw new IllegalStateException("the new reader misses " + expected.size() + " words, e.g. "
                    + expected.stream().limit(5).toList());
        }
    }

    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }

    /** The ingest benchmark's attachment: 90 lines a page of Helvetica, content streams not compressed. */
    static byte[] latin(int size) throws Exception {
        return pages(size, false, document -> new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                (page, line) -> "Decision on application " + page + "-" + line + ": the service is granted. " + UUID.randomUUID());
    }

    /** A Russian notice in Liberation Sans embedded as Identity-H with ToUnicode, compressed as producers do. */
    static byte[] russian(int size) throws Exception {
        return pages(size, true, document -> {
            try (InputStream font = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                return PDType0Font.load(document, font);
            }
        }, (page, line) -> "Решение № " + page + "-" + line + " о назначении ежемесячной выплаты принято, номер дела "
                + Long.toString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE, 36));
    }

    interface FontLoader {
        PDFont load(PDDocument document) throws Exception;
    }

    interface Line {
        String text(int page, int line);
    }

    /**
     * As many pages as make the document {@code size} bytes. Each try is a document of its own,
     * saved once, as a font is subset only once; two tries tell the size of a page.
     */
    static byte[] pages(int size, boolean compress, FontLoader fonts, Line lines) throws Exception {
        int one = document(1, compress, fonts, lines).length;
        int page = Math.max(1, document(2, compress, fonts, lines).length - one);
        for (int count = Math.max(1, 1 + (size - one) / page); ; count++) {
            byte[] pdf = document(count, compress, fonts, lines);
            if (pdf.length >= size) {
                return pdf;
            }
        }
    }

    static byte[] document(int count, boolean compress, FontLoader fonts, Line lines) throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDFont font = fonts.load(document);
            for (int page = 0; page < count; page++) {
                PDPage p = new PDPage();
                document.addPage(p);
                try (PDPageContentStream text = new PDPageContentStream(document, p, PDPageContentStream.AppendMode.APPEND, compress)) {
                    text.beginText();
                    text.setFont(font, 8);
                    text.newLineAtOffset(20, 760);
                    for (int line = 0; line < 90; line++) {
                        text.showText(lines.text(page, line));
                        text.newLineAtOffset(0, -8);
                    }
                    text.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
