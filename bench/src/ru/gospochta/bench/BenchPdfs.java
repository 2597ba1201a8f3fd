package ru.gospochta.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** The realistic PDF the ingest benchmark can attach; the worst case is {@link PdfTextBenchmark#latin}. */
final class BenchPdfs {

    private BenchPdfs() {
    }

    /** A decision letter as agencies send them: a few pages of Russian text, the rest of the size a scanned stamp. */
    static byte[] letter(int size, long seed) throws Exception {
        String[] sentences = {
                "По результатам рассмотрения заявления о предоставлении государственной услуги принято решение о её предоставлении.",
                "Основание: статья 7 Федерального закона от 27.07.2010 № 210-ФЗ «Об организации предоставления государственных и муниципальных услуг».",
                "Сведения о заявителе проверены по данным единой системы межведомственного электронного взаимодействия.",
                "Документ, подтверждающий результат, направлен в личный кабинет и может быть получен в многофункциональном центре.",
                "Решение может быть обжаловано в досудебном порядке в течение трёх месяцев со дня его получения.",
                "Начисление по услуге отсутствует; государственная пошлина уплачена в полном объёме.",
                "Срок действия выданного разрешения составляет пять лет со дня подписания настоящего решения."};
        try (PDDocument document = new PDDocument();
                InputStream ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            PDType0Font font = PDType0Font.load(document, ttf);
            java.util.Random random = new java.util.Random(seed);
            for (int page = 0; page < 3; page++) {
                PDPage p = new PDPage();
                document.addPage(p);
                try (PDPageContentStream text = new PDPageContentStream(document, p)) {
                    text.beginText();
                    text.setFont(font, 10);
                    text.newLineAtOffset(50, 740);
                    for (int line = 0; line < 40; line++) {
                        String sentence = sentences[random.nextInt(sentences.length)];
                        text.showText(sentence.substring(0, Math.min(sentence.length(), 95)) + " № " + (1000 + random.nextInt(9000)));
                        text.newLineAtOffset(0, -16);
                    }
                    text.endText();
                }
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            document.save(text);
            // The stamp: noise compresses badly, as a scan's grain does; sized to make up the rest.
            int side = 300;
            byte[] pdf = text.toByteArray();
            for (int tries = 0; tries < 4 && Math.abs(pdf.length - size) > size / 50; tries++) {
                try (PDDocument copy = org.apache.pdfbox.Loader.loadPDF(text.toByteArray())) {
                    java.awt.image.BufferedImage scan = new java.awt.image.BufferedImage(side, side,
                            java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < side; y++) {
                        for (int x = 0; x < side; x++) {
                            scan.getRaster().setSample(x, y, 0, 128 + random.nextInt(128));
                        }
                    }
                    try (PDPageContentStream stamp = new PDPageContentStream(copy, copy.getPage(2),
                            PDPageContentStream.AppendMode.APPEND, false)) {
                        stamp.drawImage(org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory.createFromImage(copy, scan, 0.9f),
                                380, 60, 150, 150);
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    copy.save(out);
                    pdf = out.toByteArray();
                }
                side = (int) (side * Math.sqrt((double) (size - text.size()) / Math.max(1, pdf.length - text.size())));
            }
            return pdf;
        }
    }
}
