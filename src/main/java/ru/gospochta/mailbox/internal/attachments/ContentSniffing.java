package ru.gospochta.mailbox.internal.attachments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;

/**
 * Decides what a file is from its bytes alone (APL-2). Programs and archives are recognised by
 * their own signatures first, then the allowed formats that open with a signature of their own
 * (ZIP, PDF, JPEG, PNG); for anything else Tika's magic numbers name the format, with no file name
 * given to Tika so that a name cannot sway it; then each allowed format is opened far enough to be
 * sure: a ZIP must be a DOCX or XLSX without macros, a PDF must open without a password, XML
 * must be well-formed and passive.
 */
final class ContentSniffing {

    private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry TYPES = MAGIC.getMediaTypeRegistry();

    private static final MediaType ZIP = MediaType.application("zip");
    private static final Set<String> EXECUTABLE_TYPES = Set.of("application/x-msdownload", "application/x-dosexec",
            "application/x-executable", "application/x-sharedlib", "application/x-mach-o", "application/java-vm",
            "application/x-sh", "application/x-bat", "application/x-msi", "application/x-ms-shortcut",
            "application/vnd.microsoft.portable-executable", "application/x-elf", "application/java-archive");
    private static final Set<String> ARCHIVE_TYPES = Set.of("application/x-rar-compressed", "application/x-7z-compressed",
            "application/gzip", "application/x-gzip", "application/x-tar", "application/x-bzip2", "application/x-xz",
            "application/zstd", "application/x-lzip", "application/vnd.ms-cab-compressed", "application/x-iso9660-image",
            "application/x-archive", "application/x-cpio", "application/x-arj", "application/x-lzh-compressed",
            "application/x-compress", "application/x-rar", "application/vnd.rar");

    private ContentSniffing() {
    }

    /**
     * @param text where a readable format leaves its text
     * @param wantText false when the message is refused anyway and reading text would be wasted
     */
    static Verdict sniff(byte[] content, TextCollector text, boolean wantText) {
        var signature = Signatures.dangerous(content);
        if (signature.isPresent()) {
            return Verdict.refused(signature.get());
        }
        if (CompoundFiles.isCompoundFile(content)) {
            return Verdict.refused(CompoundFiles.reason(content));
        }
        if (Signatures.startsWith(content, 0, Signatures.ZIP)) {
            return OfficePackage.inspect(content, text, wantText);
        }
        // The allowed formats that name themselves in their first bytes, as Tika's magic numbers for them
        // do too: Tika's catalogue (hundreds of patterns over the first 64 KB, most of the CPU of accepting
        // a PDF) is left to tell everything else. A PDF is opened below anyway, which no magic number replaces.
        if (Signatures.startsWith(content, 0, Signatures.PDF)) {
            return PdfInspection.inspect(content, text, wantText);
        }
        if (Signatures.startsWith(content, 0, Signatures.JPEG)) {
            return Verdict.allowed(AttachmentFormat.JPEG, "");
        }
        if (Signatures.startsWith(content, 0, Signatures.PNG)) {
            return Verdict.allowed(AttachmentFormat.PNG, "");
        }
        MediaType type = detect(content);
        String base = type.getBaseType().toString();
        if (EXECUTABLE_TYPES.contains(base) || base.startsWith("application/x-mach-o")) {
            return Verdict.refused(Reason.EXECUTABLE);
        }
        if (ARCHIVE_TYPES.contains(base)) {
            return Verdict.refused(Reason.ARCHIVE);
        }
        if (TYPES.isSpecializationOf(type, ZIP) || type.equals(ZIP)) {
            // A ZIP that does not start with a local header, e.g. behind a prefix of some other data.
            return Verdict.refused(Reason.ARCHIVE);
        }
        return switch (base) {
            case "application/pdf" -> PdfInspection.inspect(content, text, wantText);
            case "image/jpeg" -> Verdict.allowed(AttachmentFormat.JPEG, "");
            case "image/png" -> Verdict.allowed(AttachmentFormat.PNG, "");
            default -> looksLikeXml(type, content) ? xml(content, text, wantText) : Verdict.refused(Reason.FORMAT_NOT_ALLOWED);
        };
    }

    private static MediaType detect(byte[] content) {
        try (InputStream in = TikaInputStream.get(content)) {
            return MAGIC.detect(in, new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a byte array", e);
        }
    }

    /**
     * Tika calls XML by the vocabulary of its root when it knows it, and plain text when the
     * document has no XML declaration; both are read as XML here and the parser decides.
     */
    private static boolean looksLikeXml(MediaType type, byte[] content) {
        if (type.equals(MediaType.APPLICATION_XML) || TYPES.isSpecializationOf(type, MediaType.APPLICATION_XML)) {
            return true;
        }
        if (type.equals(MediaType.TEXT_PLAIN)) {
            int at = Signatures.startsWith(content, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
            while (at < content.length && (content[at] == ' ' || content[at] == '\t' || content[at] == '\r'
                    || content[at] == '\n')) {
                at++;
            }
            return at < content.length && content[at] == '<';
        }
        return false;
    }

    private static Verdict xml(byte[] content, TextCollector text, boolean wantText) {
        try {
            SafeXml.checkDocument(new ByteArrayInputStream(content));
        } catch (SafeXml.Refused e) {
            return Verdict.refused(Reason.FORMAT_NOT_ALLOWED);
        }
        return Verdict.allowed(AttachmentFormat.XML, wantText ? xmlText(content, text) : "");
    }

    /** The text nodes of a document already known to be well-formed. */
    private static String xmlText(byte[] content, TextCollector text) {
        try {
            XMLStreamReader xml = SafeXml.reader(new ByteArrayInputStream(content));
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> text.separate();
                    default -> text.checkTime();
                }
            }
            xml.close();
        } catch (TextCollector.Enough enough) {
            return text.text();
        } catch (XMLStreamException | RuntimeException e) {
            return "";
        }
        return text.text();
    }
}
