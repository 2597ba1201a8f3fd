package ru.gospochta.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import ru.gospochta.mailbox.IncomingFile;
import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.attachments.AttachmentsProperties;

/**
 * The CPU it costs to accept one 100 KB PDF (APL-2) while a message is being accepted: the
 * mailbox's whole check (signatures, content sniffing, the inflate budget, opening it to see that
 * it is a PDF without a password) against the least anyone must do to know that — PDFBox opening
 * the document and asking whether it is encrypted. CPU time of the measuring thread; rounds
 * alternate so that drift hits both alike. Two documents: the ingest benchmark's (many small
 * uncompressed pages) and a realistic Russian letter with a scanned stamp.
 * {@code -Dbench.runs} sets the documents per round.
 */
class AttachmentCheckBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 300);
    static final int ROUNDS = 5;

    final AttachmentInspection inspection = new AttachmentInspection(new AttachmentsProperties(DataSize.ofMegabytes(10),
            DataSize.ofMegabytes(50), 1_000_000, Duration.ofSeconds(10)));

    @Test
    void run() throws Exception {
        StringBuilder out = new StringBuilder(String.format(
                "%nAccepting a PDF attachment, CPU ms per file (median of %d rounds of %d)%n", ROUNDS, RUNS));
        out.append(String.format("%-30s %9s %16s %14s %8s%n", "document", "size", "PDFBox opening", "mailbox check",
                "ratio"));
        for (String kind : List.of("Latin lines, uncompressed", "Russian letter with a stamp")) {
            byte[] pdf = kind.startsWith("Latin") ? PdfTextBenchmark.latin(100_000) : BenchPdfs.letter(100_000, 5);
            List<IncomingFile> files = List.of(new IncomingFile("Решение.pdf", pdf, "application/pdf"));
            if (inspection.acceptAll(files).size() != 1) {
                throw new IllegalStateException("the check refused the benchmark's own document");
            }
            List<Double> opening = new ArrayList<>();
            List<Double> check = new ArrayList<>();
            for (int round = -1; round < ROUNDS; round++) {
                // Round −1 is the warm-up for the JIT; it is not counted.
                double o = PdfTextBenchmark.cpuPerDocument(() -> open(pdf), RUNS);
                double c = PdfTextBenchmark.cpuPerDocument(() -> inspection.acceptAll(files), RUNS);
                if (round >= 0) {
                    opening.add(o);
                    check.add(c);
                }
            }
            double o = PdfTextBenchmark.median(opening);
            double c = PdfTextBenchmark.median(check);
            out.append(String.format("%-30s %6d KB %13.3f ms %11.3f ms %7.2f%n", kind, pdf.length / 1024, o, c, o / c));
        }
        out.append("ratio: PDFBox opening / mailbox check (1.00 would be a check that costs no more than opening).\n");
        System.out.println(out);
    }

    static boolean open(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.isEncrypted();
        }
    }
}
