package ru.gospochta.mailbox.internal.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;

/**
 * A ZIP file, and whether it is a Word or Excel document the portal accepts. DOCX and XLSX are
 * ZIP packages whose {@code [Content_Types].xml} names the type of the main part; the same
 * package with another main part is a macro-enabled document, a template or a presentation, and
 * a ZIP without it is an archive. Macros are looked for everywhere, not only where the main part
 * says: Word ignores a {@code vbaProject.bin} in a DOCX, but the next program may not.
 */
final class OfficePackage {

    static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    static final String SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedstrings+xml";
    static final String WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    /** The content types and relationships of a real document are kilobytes. */
    static final long MAX_DESCRIPTOR = 4L << 20;
    static final int MAX_RELATIONSHIP_PARTS = 2_000;
    /** An embedded OLE object is read whole to find its streams; a larger one is not a document's. */
    static final long MAX_EMBEDDED_OBJECT = 32L << 20;

    private static final Set<String> ACTIVE_CONTENT_TYPES = Set.of("application/vnd.ms-office.vbaproject",
            "application/vnd.ms-office.activex+xml", "application/vnd.ms-office.activex",
            "application/vnd.ms-office.vbaprojectsignature");
    /** Relationships that make Office fetch and run something from outside the file when it is opened. */
    private static final List<String> ACTIVE_EXTERNAL = List.of("/attachedtemplate", "/oleobject", "/frame",
            "/subdocument", "/control", "/package");
    private static final Set<String> MACRO_DOCUMENTS = Set.of("docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm",
            "potm", "ppsm", "ppam", "sldm");
    private static final Set<String> PROGRAMS = Set.of("exe", "dll", "scr", "com", "pif", "cpl", "msi", "msp", "bat",
            "cmd", "ps1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "jar", "lnk", "sh", "apk", "app");
    private static final byte[] PACKAGER = Signatures.utf16("Ole10Native");

    private OfficePackage() {
    }

    static Verdict inspect(byte[] content, TextCollector text, boolean wantText) {
        try (ZipParts zip = ZipParts.open(content)) {
            Verdict verdict = judge(zip);
            if (wantText && verdict instanceof Verdict.Allowed allowed) {
                return Verdict.allowed(allowed.format(), OfficeText.read(zip, allowed.format(), contentTypes(zip), text));
            }
            return verdict;
        } catch (ZipParts.Suspicious e) {
            return Verdict.refused(Reason.ARCHIVE);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // Starts like a ZIP but cannot be read as one, or its descriptors are not XML.
            return Verdict.refused(Reason.FORMAT_NOT_ALLOWED);
        }
    }

    private static Verdict judge(ZipParts zip) throws IOException, XMLStreamException, ZipParts.Suspicious {
        Map<String, ?> names = zip.entries();
        if (names.containsKey("meta-inf/manifest.mf") || names.containsKey("classes.dex")
                || names.keySet().stream().anyMatch(n -> n.endsWith(".class"))) {
            return Verdict.refused(Reason.EXECUTABLE);
        }
        if (!zip.has("[Content_Types].xml")) {
            // OpenDocument and EPUB name their type in «mimetype»: documents, only not ones APL-2 allows.
            return Verdict.refused(names.containsKey("mimetype") ? Reason.FORMAT_NOT_ALLOWED : Reason.ARCHIVE);
        }
        if (names.keySet().stream().anyMatch(n -> n.endsWith("vbaproject.bin") || n.endsWith("vbadata.xml")
                || n.contains("activex/"))) {
            return Verdict.refused(Reason.MACROS);
        }
        ContentTypes types = contentTypes(zip);
        if (types.all().anyMatch(t -> t.contains("macroenabled") || ACTIVE_CONTENT_TYPES.contains(t))) {
            return Verdict.refused(Reason.MACROS);
        }
        if (fetchesActiveContent(zip)) {
            return Verdict.refused(Reason.MACROS);
        }
        Optional<Reason> embedded = embeddedDanger(zip);
        if (embedded.isPresent()) {
            return Verdict.refused(embedded.get());
        }
        Optional<String> main = mainPart(zip);
        String mainType = main.flatMap(types::of).orElse("");
        if (main.isEmpty() || !zip.has(main.get().substring(1))) {
            return Verdict.refused(Reason.FORMAT_NOT_ALLOWED);
        }
        return switch (mainType) {
            case DOCX_MAIN -> Verdict.allowed(AttachmentFormat.DOCX, "");
            case XLSX_MAIN -> Verdict.allowed(AttachmentFormat.XLSX, "");
            default -> Verdict.refused(Reason.FORMAT_NOT_ALLOWED);
        };
    }

    /** The part the package's root relationship calls the office document, as an absolute part name. */
    private static Optional<String> mainPart(ZipParts zip) throws IOException, XMLStreamException {
        for (Relationship r : relationships(zip, "_rels/.rels")) {
            if (r.type().endsWith("/officedocument") && !r.external()) {
                String target = r.target().startsWith("./") ? r.target().substring(1) : r.target();
                target = target.startsWith("/") ? target : "/" + target;
                return Optional.of(target.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static boolean fetchesActiveContent(ZipParts zip)
            throws IOException, XMLStreamException, ZipParts.Suspicious {
        List<String> parts = zip.entries().keySet().stream().filter(n -> n.endsWith(".rels")).toList();
        if (parts.size() > MAX_RELATIONSHIP_PARTS) {
            throw new ZipParts.Suspicious("more than " + MAX_RELATIONSHIP_PARTS + " relationship parts");
        }
        for (String part : parts) {
            for (Relationship r : relationships(zip, part)) {
                if (r.external() && ACTIVE_EXTERNAL.stream().anyMatch(r.type()::endsWith)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Files embedded in the document: another Office file with macros, a program under its own
     * name, or an OLE «package» (the wrapper that lets a click on an icon run whatever it holds).
     */
    private static Optional<Reason> embeddedDanger(ZipParts zip) throws IOException {
        for (String name : zip.entries().keySet()) {
            if (!name.contains("embeddings/")) {
                continue;
            }
            Optional<String> extension = FileNames.extension(name);
            if (extension.filter(MACRO_DOCUMENTS::contains).isPresent()) {
                return Optional.of(Reason.MACROS);
            }
            if (extension.filter(PROGRAMS::contains).isPresent()) {
                return Optional.of(Reason.EXECUTABLE);
            }
            byte[] head = zip.head(name, 16);
            if (Signatures.dangerous(head).filter(r -> r == Reason.EXECUTABLE).isPresent()) {
                return Optional.of(Reason.EXECUTABLE);
            }
            if (CompoundFiles.isCompoundFile(head)) {
                byte[] whole;
                try (InputStream in = zip.read(name, MAX_EMBEDDED_OBJECT).orElseThrow()) {
                    whole = in.readAllBytes();
                }
                if (Signatures.contains(whole, PACKAGER)) {
                    return Optional.of(Reason.EXECUTABLE);
                }
                Reason reason = CompoundFiles.reason(whole);
                if (reason == Reason.MACROS || reason == Reason.EXECUTABLE) {
                    return Optional.of(reason);
                }
            }
        }
        return Optional.empty();
    }

    record Relationship(String type, String target, boolean external) {
    }

    private static List<Relationship> relationships(ZipParts zip, String part) throws IOException, XMLStreamException {
        List<Relationship> found = new ArrayList<>();
        Optional<InputStream> in = zip.read(part, MAX_DESCRIPTOR);
        if (in.isEmpty()) {
            return found;
        }
        try (InputStream stream = in.get()) {
            XMLStreamReader xml = SafeXml.reader(stream);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                    found.add(new Relationship(lower(xml.getAttributeValue(null, "Type")),
                            Objects.toString(xml.getAttributeValue(null, "Target"), "").strip(),
                            "external".equalsIgnoreCase(xml.getAttributeValue(null, "TargetMode"))));
                }
            }
            xml.close();
        }
        return found;
    }

    /** The package's map from part names and extensions to content types, all lower-cased. */
    record ContentTypes(Map<String, String> byExtension, Map<String, String> byPart) {

        Optional<String> of(String partName) {
            String override = byPart.get(partName);
            if (override != null) {
                return Optional.of(override);
            }
            return FileNames.extension(partName).map(byExtension::get);
        }

        Stream<String> all() {
            return Stream.concat(byExtension.values().stream(), byPart.values().stream());
        }

        List<String> partsOf(String type) {
            return byPart.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).sorted().toList();
        }
    }

    static ContentTypes contentTypes(ZipParts zip) throws IOException, XMLStreamException {
        Map<String, String> byExtension = new HashMap<>();
        Map<String, String> byPart = new HashMap<>();
        try (InputStream stream = zip.read("[Content_Types].xml", MAX_DESCRIPTOR).orElseThrow()) {
            XMLStreamReader xml = SafeXml.reader(stream);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String type = lower(xml.getAttributeValue(null, "ContentType"));
                switch (xml.getLocalName()) {
                    case "Default" -> byExtension.put(lower(xml.getAttributeValue(null, "Extension")), type);
                    case "Override" -> byPart.put(lower(xml.getAttributeValue(null, "PartName")), type);
                    default -> {
                    }
                }
            }
            xml.close();
        }
        return new ContentTypes(byExtension, byPart);
    }

    private static String lower(@Nullable String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
