package ru.gospochta.mailbox.internal.attachments;

import java.io.InputStream;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML read without trusting it: the JDK's own StAX parser (not whichever one the class path
 * offers), with no DTD, so no external entity can fetch a file or an address (XXE) and no entity
 * can expand into gigabytes (billion laughs). A document that even declares a DTD is refused:
 * structured documents of agencies have schemas, not DTDs.
 */
final class SafeXml {

    /** Deeper nesting has no use in a document and only serves to exhaust whoever reads it recursively. */
    static final int MAX_DEPTH = 256;

    /** Root namespaces of XML a browser runs scripts in. */
    private static final Set<String> ACTIVE_NAMESPACES = Set.of("http://www.w3.org/1999/xhtml",
            "http://www.w3.org/2000/svg", "http://www.w3.org/1999/XSL/Transform");

    private SafeXml() {
    }

    /** Thrown for XML this reader will not read: malformed, with a DTD, or too deep. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        // A factory per reader: the JDK does not promise that one is safe to share between threads.
        return new GuardedReader(hardened().createXMLStreamReader(in));
    }

    /**
     * Reads a whole standalone document to make sure it is well-formed and passive. Returns
     * normally or throws {@link Refused}.
     */
    static void checkDocument(InputStream in) throws Refused {
        try {
            XMLStreamReader reader = reader(in);
            try {
                boolean root = true;
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && root) {
                        root = false;
                        String namespace = reader.getNamespaceURI();
                        if ((namespace != null && ACTIVE_NAMESPACES.contains(namespace))
                                || "html".equalsIgnoreCase(reader.getLocalName())) {
                            throw new Refused("active content");
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new Refused(e.getClass().getSimpleName());
        }
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not read");
        });
        return factory;
    }

    /**
     * Refuses a DTD the moment it is met, rather than after the parser skipped it, and keeps
     * count of the depth.
     */
    private static final class GuardedReader extends javax.xml.stream.util.StreamReaderDelegate {

        private int depth;

        GuardedReader(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                    throw new XMLStreamException("DTDs and entities are not read");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > MAX_DEPTH) {
                        throw new XMLStreamException("nested deeper than " + MAX_DEPTH);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {
                }
            }
            return event;
        }
    }
}
