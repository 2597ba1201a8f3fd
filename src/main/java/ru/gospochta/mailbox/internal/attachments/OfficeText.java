package ru.gospochta.mailbox.internal.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The words of a DOCX or XLSX for search, read straight from the package's XML: the text runs
 * of the document body, the shared strings of a workbook and the strings typed into its cells.
 * Formatting, formulas and numbers are left out; so is phonetic guidance, which repeats the words.
 */
final class OfficeText {

    /** Elements that end a paragraph, a line or a cell, so that the words on both sides stay apart. */
    private static final Set<String> SEPARATORS = Set.of("p", "tab", "br", "cr", "si", "c", "tc", "row");

    private OfficeText() {
    }

    static String read(ZipParts zip, AttachmentFormat format, OfficePackage.ContentTypes types, TextCollector text) {
        List<String> parts = new ArrayList<>();
        if (format == AttachmentFormat.DOCX) {
            parts.addAll(types.partsOf(OfficePackage.DOCX_MAIN));
        } else {
            parts.addAll(types.partsOf(OfficePackage.SHARED_STRINGS));
            parts.addAll(types.partsOf(OfficePackage.WORKSHEET));
        }
        try {
            for (String part : parts) {
                collect(zip, part.substring(1), text);
            }
        } catch (TextCollector.Enough enough) {
            return text.text();
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // Text is for search only; a document whose text cannot be read is still delivered.
            return "";
        }
        return text.text();
    }

    private static void collect(ZipParts zip, String part, TextCollector text) throws IOException, XMLStreamException {
        Optional<InputStream> in = zip.read(part, Long.MAX_VALUE);
        if (in.isEmpty()) {
            return;
        }
        try (InputStream stream = in.get()) {
            XMLStreamReader xml = SafeXml.reader(stream);
            int inText = 0;
            int inPhonetic = 0;
            long events = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if ((++events & 0xFFF) == 0) {
                    text.checkTime();
                }
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = xml.getLocalName();
                        if (name.equals("t")) {
                            inText++;
                        } else if (name.equals("rPh")) {
                            inPhonetic++;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = xml.getLocalName();
                        if (name.equals("t")) {
                            inText--;
                        } else if (name.equals("rPh")) {
                            inPhonetic--;
                        } else if (SEPARATORS.contains(name)) {
                            text.separate();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (inText > 0 && inPhonetic == 0) {
                            text.append(xml.getText());
                        }
                    }
                    default -> {
                    }
                }
            }
            xml.close();
        }
        text.separate();
    }
}
